"""The release policy as versioned data (resources/policy/*.toml)."""

from relgui.policy.loader import bundled_profiles, current_profile, load_text, profile_for
from relgui.policy.model import Profile
from relgui.policy.reader import PolicyError

__all__ = ["PolicyError", "Profile", "bundled_profiles", "current_profile", "load_text", "profile_for"]
