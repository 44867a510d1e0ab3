"""relgui — release management for policy XDYJ-06-01 (发布管理制度)."""

__version__ = "0.1.0"
