"""The national evaluation method (`registry/evaluation.yaml`, seed 000): criteria, scales."""

from __future__ import annotations

from pydantic import Field, model_validator

from sobreg.models.common import LocalText, Model, Text


class ScaleValue(Model):
    value: str
    label: LocalText


class Criterion(Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: LocalText
    question: LocalText | None = None
    scale: str


class Part(Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: LocalText
    description: LocalText | None = None
    required: bool = True  # an assessment must record this part (at least its date)


class Template(Model):
    name: LocalText
    kinds: list[str] = Field(min_length=1)
    criteria: list[str] = Field(min_length=1)


class ReReview(Model):
    interval_months: int = Field(ge=1, le=120)
    # A program whose `significant_version` differs from the version last assessed is due.
    on_new_version: bool = True
    triggers: list[LocalText] = []


class EvaluationMethod(Model):
    """The whole of `evaluation.yaml`."""

    version: str
    title: LocalText
    source: Text | None = None
    parts: list[Part] = Field(min_length=1)
    scales: dict[str, list[ScaleValue]] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    templates: dict[str, Template] = Field(min_length=1)
    evidence_grades: str
    recommendations: str
    assessors_required: int = Field(ge=2)
    re_review: ReReview

    @model_validator(mode="after")
    def _coherent(self) -> EvaluationMethod:
        ids = [c.id for c in self.criteria]
        if len(ids) != len(set(ids)):
            raise ValueError("criterion ids must be unique")
        for criterion in self.criteria:
            if criterion.scale not in self.scales:
                raise ValueError(f"criterion {criterion.id}: unknown scale {criterion.scale}")
        for name, template in self.templates.items():
            unknown = [c for c in template.criteria if c not in ids]
            if unknown:
                raise ValueError(f"template {name}: unknown criteria {', '.join(unknown)}")
        for scale in (self.evidence_grades, self.recommendations):
            if scale not in self.scales:
                raise ValueError(f"unknown scale {scale}")
        return self
