"""Carrying a release from an approved plan to closure: checklists, monitoring, rollback, CMDB, close."""
