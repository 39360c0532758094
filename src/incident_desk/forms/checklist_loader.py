"""Load a checklist definition (``forms/*.toml``) into a domain `Protocol`, checking all of it.

The file is reviewed data, so a mistake in it should be reported in full at once: every
problem found (unknown keys, duplicates, unknown roles, conditions or kinds, missing
policy text, …) is collected and raised together in one `FormDefinitionError`, each naming
the step and field it concerns.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from incident_desk.domain.enums import Role
from incident_desk.domain.protocol import (
    BOOLEAN_VALUES,
    FieldDefinition,
    FieldKind,
    Protocol,
    StepCondition,
    StepDefinition,
)
from incident_desk.paths import bundled_dir

FIRST_RESPONSE_FILE = "first_response.toml"

_KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")

_TOP_KEYS = frozenset({"key", "version", "title", "source", "steps"})
_STEP_KEYS = frozenset(
    {
        "key",
        "number",
        "title",
        "citation",
        "policy_text",
        "prompt",
        "records",
        "roles",
        "immediate",
        "condition",
        "fields",
    }
)
_STEP_TEXTS = ("number", "title", "citation", "policy_text", "prompt", "records")
_FIELD_KEYS = frozenset({"key", "label", "kind", "required", "choices", "help", "required_if"})
_REQUIRED_IF_KEYS = frozenset({"field", "value"})


class FormDefinitionError(ValueError):
    """A checklist definition that cannot be used; ``problems`` lists every one found."""

    def __init__(self, source: Path | str, problems: Iterable[str]) -> None:
        self.source = str(source)
        self.problems: tuple[str, ...] = tuple(problems)
        listing = "\n".join(f"  - {problem}" for problem in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{self.source}: {count} {noun} in the form definition:\n{listing}")


def load_protocol(path: Path) -> Protocol:
    """Read and check the checklist at ``path``; `FormDefinitionError` lists what is wrong."""
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except OSError as error:
        raise FormDefinitionError(path, [f"cannot read the file: {error}"]) from error
    except tomllib.TOMLDecodeError as error:
        raise FormDefinitionError(path, [f"not valid TOML: {error}"]) from error
    return _Builder().protocol(document, path)


@cache
def default_protocol() -> Protocol:
    """The bundled first-response checklist, read once per process."""
    return load_protocol(bundled_dir("forms") / FIRST_RESPONSE_FILE)


def _normalise(text: str) -> str:
    """Collapse line breaks and runs of spaces, keeping blank lines as paragraph breaks."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(part.split()) for part in paragraphs if part.strip())


def _kinds(values: Iterable[str]) -> str:
    return ", ".join(values)


class _Builder:
    """Walks the parsed TOML once, collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def protocol(self, document: Mapping[str, object], source: Path) -> Protocol:
        self._unknown_keys("the file", document, _TOP_KEYS)
        key = self._text("the file", document, "key")
        version = self._text("the file", document, "version")
        title = self._text("the file", document, "title")
        source_text = self._text("the file", document, "source")
        raw_steps = document.get("steps")
        steps: list[StepDefinition] = []
        if not isinstance(raw_steps, list) or not raw_steps:
            self.problems.append("the file: needs at least one [[steps]] table")
        else:
            seen: dict[str, int] = {}
            for index, raw in enumerate(raw_steps, start=1):
                step = self._step(index, raw, seen)
                if step is not None:
                    steps.append(step)
        if self.problems:
            raise FormDefinitionError(source, self.problems)
        return Protocol(key, version, title, source_text, tuple(steps))

    # -- steps --------------------------------------------------------------------------

    def _step(self, index: int, raw: object, seen: dict[str, int]) -> StepDefinition | None:
        where = f"step #{index}"
        if not isinstance(raw, dict):
            self.problems.append(f"{where}: must be a table")
            return None
        step_key = raw.get("key")
        if isinstance(step_key, str) and step_key:
            where = f"step {index} {step_key!r}"
            if not _KEY_PATTERN.match(step_key):
                self.problems.append(
                    f"{where}: key must be lower case letters, digits and underscores"
                )
            if step_key in seen:
                self.problems.append(f"{where}: duplicate step key (also step {seen[step_key]})")
            else:
                seen[step_key] = index
        else:
            self.problems.append(f"{where}: missing key (a non-empty string)")
        self._unknown_keys(where, raw, _STEP_KEYS)
        texts = {name: self._text(where, raw, name) for name in _STEP_TEXTS}
        roles = self._roles(where, raw.get("roles"))
        immediate = raw.get("immediate", False)
        if not isinstance(immediate, bool):
            self.problems.append(f"{where}: immediate must be true or false")
            immediate = False
        condition = self._condition(where, raw.get("condition", StepCondition.ALWAYS.value))
        fields = self._fields(where, raw.get("fields"))
        if not isinstance(step_key, str) or condition is None or fields is None:
            return None
        return StepDefinition(
            key=step_key,
            number=texts["number"],
            title=texts["title"],
            citation=texts["citation"],
            policy_text=texts["policy_text"],
            prompt=texts["prompt"],
            fields=fields,
            roles=roles,
            immediate=immediate,
            condition=condition,
            records=texts["records"],
        )

    def _roles(self, where: str, raw: object) -> frozenset[Role]:
        if not isinstance(raw, list) or not raw:
            self.problems.append(f"{where}: roles must list at least one role")
            return frozenset()
        roles: list[Role] = []
        for value in raw:
            if not isinstance(value, str) or value not in set(Role):
                self.problems.append(
                    f"{where}: unknown role {value!r} (expected one of: {_kinds(Role)})"
                )
                continue
            role = Role(value)
            if role in roles:
                self.problems.append(f"{where}: role {value!r} listed twice")
            roles.append(role)
        return frozenset(roles)

    def _condition(self, where: str, raw: object) -> StepCondition | None:
        if isinstance(raw, str) and raw in set(StepCondition):
            return StepCondition(raw)
        self.problems.append(
            f"{where}: unknown condition {raw!r} (expected one of: {_kinds(StepCondition)})"
        )
        return None

    # -- fields -------------------------------------------------------------------------

    def _fields(self, where: str, raw: object) -> tuple[FieldDefinition, ...] | None:
        if not isinstance(raw, list) or not raw:
            self.problems.append(f"{where}: needs at least one [[steps.fields]] table")
            return None
        fields: list[FieldDefinition] = []
        seen: set[str] = set()
        broken = False
        for index, raw_field in enumerate(raw, start=1):
            definition = self._field(where, index, raw_field, seen)
            if definition is None:
                broken = True
            else:
                fields.append(definition)
        by_key = {definition.key: definition for definition in fields}
        for definition in fields:
            self._check_required_if(where, definition, by_key)
        return None if broken else tuple(fields)

    def _field(
        self, step_where: str, index: int, raw: object, seen: set[str]
    ) -> FieldDefinition | None:
        where = f"{step_where}, field #{index}"
        if not isinstance(raw, dict):
            self.problems.append(f"{where}: must be a table")
            return None
        key = raw.get("key")
        if isinstance(key, str) and key:
            where = f"{step_where}, field {key!r}"
            if not _KEY_PATTERN.match(key):
                self.problems.append(
                    f"{where}: key must be lower case letters, digits and underscores"
                )
            if key in seen:
                self.problems.append(f"{where}: duplicate field key")
            seen.add(key)
        else:
            self.problems.append(f"{where}: missing key (a non-empty string)")
        self._unknown_keys(where, raw, _FIELD_KEYS)
        label = self._text(where, raw, "label")
        help_text = self._text(where, raw, "help", required=False)
        required = raw.get("required", False)
        if not isinstance(required, bool):
            self.problems.append(f"{where}: required must be true or false")
            required = False
        kind = self._kind(where, raw.get("kind"))
        choices = self._choices(where, kind, raw.get("choices"))
        required_if = self._required_if(where, raw.get("required_if"))
        if required and required_if is not None:
            self.problems.append(f"{where}: required and required_if cannot both be set")
        if not isinstance(key, str) or not key or kind is None or choices is None:
            return None
        return FieldDefinition(
            key=key,
            label=label,
            kind=kind,
            required=required,
            choices=choices,
            help=help_text,
            required_if=required_if,
        )

    def _kind(self, where: str, raw: object) -> FieldKind | None:
        if raw is None:
            self.problems.append(f"{where}: missing kind (one of: {_kinds(FieldKind)})")
            return None
        if isinstance(raw, str) and raw in set(FieldKind):
            return FieldKind(raw)
        self.problems.append(
            f"{where}: unknown kind {raw!r} (expected one of: {_kinds(FieldKind)})"
        )
        return None

    def _choices(self, where: str, kind: FieldKind | None, raw: object) -> tuple[str, ...] | None:
        if raw is None:
            if kind is not None and kind.has_choices:
                self.problems.append(f"{where}: a {kind} field needs choices")
                return None
            return ()
        if not isinstance(raw, list) or not all(isinstance(c, str) and c for c in raw):
            self.problems.append(f"{where}: choices must be a list of non-empty strings")
            return None
        choices = tuple(str(choice) for choice in raw)
        ok = True
        if kind is not None and not kind.has_choices:
            self.problems.append(f"{where}: choices are only allowed on choice fields, not {kind}")
            ok = False
        if kind is not None and kind.has_choices and not choices:
            self.problems.append(f"{where}: a {kind} field needs choices")
            ok = False
        duplicates = sorted({choice for choice in choices if choices.count(choice) > 1})
        if duplicates:
            self.problems.append(f"{where}: choices listed twice: {_kinds(duplicates)}")
            ok = False
        return choices if ok else None

    def _required_if(self, where: str, raw: object) -> tuple[str, str] | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.problems.append(f"{where}: required_if must be {{ field = ..., value = ... }}")
            return None
        self._unknown_keys(f"{where}, required_if", raw, _REQUIRED_IF_KEYS)
        other, value = raw.get("field"), raw.get("value")
        if not isinstance(other, str) or not other or not isinstance(value, str) or not value:
            self.problems.append(f"{where}: required_if needs a field and a value (strings)")
            return None
        return (other, value)

    def _check_required_if(
        self, step_where: str, definition: FieldDefinition, by_key: Mapping[str, FieldDefinition]
    ) -> None:
        if definition.required_if is None:
            return
        where = f"{step_where}, field {definition.key!r}"
        other_key, value = definition.required_if
        other = by_key.get(other_key)
        if other is None or other_key == definition.key:
            self.problems.append(f"{where}: required_if names no other field {other_key!r}")
        elif other.kind is FieldKind.BOOLEAN:
            if value not in BOOLEAN_VALUES:
                self.problems.append(
                    f"{where}: required_if value {value!r} for a boolean must be yes or no"
                )
        elif other.kind is FieldKind.CHOICE:
            if value not in other.choices:
                self.problems.append(
                    f"{where}: required_if value {value!r} is not a choice of {other_key!r}"
                )
        else:
            self.problems.append(
                f"{where}: required_if must name a boolean or choice field, not {other.kind}"
            )

    # -- small pieces -------------------------------------------------------------------

    def _text(
        self, where: str, raw: Mapping[str, object], name: str, *, required: bool = True
    ) -> str:
        value = raw.get(name)
        if value is None:
            if required:
                self.problems.append(f"{where}: missing {name}")
            return ""
        if not isinstance(value, str):
            self.problems.append(f"{where}: {name} must be a string")
            return ""
        text = _normalise(value)
        if required and not text:
            self.problems.append(f"{where}: {name} is empty")
        return text

    def _unknown_keys(self, where: str, raw: Mapping[str, object], allowed: frozenset[str]) -> None:
        for name in sorted(set(raw) - allowed):
            self.problems.append(f"{where}: unknown key {name!r}")
