"""Pydantic models of every registry file."""

from sobreg.models.evaluation import EvaluationMethod
from sobreg.models.nomination import Nomination
from sobreg.models.process import ProcessDefinition
from sobreg.models.program import Program
from sobreg.models.roles import RolesFile

__all__ = ["EvaluationMethod", "Nomination", "ProcessDefinition", "Program", "RolesFile"]
