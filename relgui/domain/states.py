"""The vocabulary of the release lifecycle: statuses, outcomes, actions and roles.

Kept free of imports so the policy loader can check a profile against it.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    PLANNING = "planning"
    PLAN_SUBMITTED = "plan_submitted"
    PLAN_APPROVED = "plan_approved"
    PRECHECKED = "prechecked"
    DEPLOYING = "deploying"
    VERIFYING = "verifying"
    ROLLING_BACK = "rolling_back"
    CONFIG_UPDATE = "config_update"
    AWAITING_CLOSE = "awaiting_close"
    CLOSED = "closed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


TERMINAL = frozenset({Status.CLOSED, Status.REJECTED, Status.CANCELLED})


class Outcome(StrEnum):
    SUCCESS = "success"
    FAILED = "failed"
    ROLLED_BACK = "rolled_back"


class Role(StrEnum):
    MANAGER = "manager"
    ENGINEER = "engineer"
    AUDITOR = "auditor"
    ADMIN = "admin"


class Action(StrEnum):
    SUBMIT_REQUEST = "submit_request"
    EDIT_REQUEST = "edit_request"  # edit the request (until accepted) and its linked changes (until approved)
    ACCEPT = "accept"
    REJECT_REQUEST = "reject_request"
    START_PLANNING = "start_planning"
    EDIT_PLAN = "edit_plan"
    SUBMIT_PLAN = "submit_plan"
    WITHDRAW_PLAN = "withdraw_plan"
    APPROVE_PLAN = "approve_plan"
    REJECT_PLAN = "reject_plan"
    RECORD_PRECHECK = "record_precheck"
    COMPLETE_PRECHECK = "complete_precheck"
    START_DEPLOYMENT = "start_deployment"
    RECORD_MONITORING = "record_monitoring"
    RECORD_STEP = "record_step"
    FINISH_DEPLOYMENT = "finish_deployment"
    REPORT_PROBLEM = "report_problem"
    DECIDE_ROLLBACK = "decide_rollback"
    RECORD_ROLLBACK_STEP = "record_rollback_step"
    COMPLETE_ROLLBACK = "complete_rollback"
    RECORD_VERIFICATION = "record_verification"
    COMPLETE_VERIFICATION = "complete_verification"
    DECLARE_FAILED = "declare_failed"
    UPDATE_CMDB = "update_cmdb"
    COMPLETE_CONFIG_UPDATE = "complete_config_update"
    CLOSE = "close"
    CANCEL = "cancel"


# Names a profile's role matrix may use besides real roles.
APPROVER = "approver"

CHECKLISTS = ("precheck", "monitoring", "verification", "config_update")
