"""The release policy as versioned data (resources/policy/*.toml): the loader on top of the
domain's profile types (relgui.domain.profile). Importing it provides the domain with the
profile in force (relgui.domain.profile.in_force)."""

from relgui.domain.profile import Profile
from relgui.policy.loader import bundled_profiles, current_profile, load_text, profile_for
from relgui.policy.reader import PolicyError

__all__ = ["PolicyError", "Profile", "bundled_profiles", "current_profile", "load_text", "profile_for"]
