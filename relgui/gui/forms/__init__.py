"""Python forms compiled from ui/*.ui by scripts/build_assets.py (pyside6-uic). Do not edit."""
