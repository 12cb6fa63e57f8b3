"""Who owns which part of a leader agreement.

HR owns what the template sets: the sections themselves (which, in what order), every
section's heading, introduction and "must be filled in before signing" flag, the kind of
goals of a perspective, the centrally set goals, the delegation area and its authorities
with their default (delegated or not), the value set, the milestone plan and the
signature lines; and, outside the body, the agreement's unit, leader, period, access
level and template.

The leader and the superior own what they agree on locally: the local goals with their
indicators, the quality dimensions, the personal development goals, the expectations
under the values requirement, the notes on delegated authorities and the follow-up
meetings.

:func:`hr_owned_changes` compares two bodies in their stored (raw) form and names every
HR-owned part that differs, so a form can refuse the change whatever the editor showed.
Sections and list items are matched by their block ids, which Wagtail keeps across saves.
"""

import copy
import re
import uuid

from django.utils.translation import gettext as _

#: The fields of the agreement outside its body that only HR may change.
HR_OWNED_FIELDS = (
    "unit",
    "leader",
    "period_start",
    "period_end",
    "access_level",
    "agreement_template",
)

OVERALL_SCOPE = "overall"

# Per section type, the values that are HR-owned as they stand, beyond the heading,
# introduction and flag every section has.
_SECTION_FIELDS = {
    "perspective": ("scope",),
    "values_requirement": ("value_set",),
    "delegation": ("area",),
    "milestones": ("milestones",),
    "signature": ("statement", "place"),
}
_COMMON_FIELDS = ("heading", "intro", "required_before_signing")
# Draftail marks every paragraph it saves with a key of its own, and saves an empty
# text as an empty paragraph; the text is the same.
_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")


def _same_text(html):
    return _EMPTY_PARAGRAPH.sub("", _BLOCK_KEY.sub("", html)).strip()


def _field_label(field):
    return {
        "heading": _("the heading"),
        "intro": _("the introduction"),
        "required_before_signing": _("the “must be filled in before signing” flag"),
        "scope": _("the kind of goals"),
        "value_set": _("the value set"),
        "area": _("the area"),
        "milestones": _("the milestone plan"),
        "statement": _("the statement"),
        "place": _("the place"),
    }[field]


def _stored(struct_value, field):
    """A field of a section as it would be stored, so that two saves of the same text
    compare equal."""
    block = struct_value.block.child_blocks[field]
    value = block.get_prep_value(struct_value.get(field))
    if isinstance(value, str):
        return _same_text(value)
    return _without_ids(value)


def _without_ids(value):
    """List items compare by position and content: the ids Wagtail gives items of data
    saved before it kept item ids are new at every read."""
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    if isinstance(value, dict):
        if value.get("type") == "item" and "value" in value:
            return _without_ids(value["value"])
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, str):
        return _same_text(value)
    return value


def _section_changes(block_type, name, old, new, matched_by_heading=False):
    changes = []
    fields = ("heading",) if block_type == "signature" else _COMMON_FIELDS
    if matched_by_heading:
        # Sections matched by heading (years aside) have no other heading change to name.
        fields = tuple(field for field in fields if field != "heading")
    for field in (*fields, *_SECTION_FIELDS.get(block_type, ())):
        if _stored(old, field) != _stored(new, field):
            changes.append(
                _("%(part)s of “%(section)s”") % {"part": _field_label(field), "section": name}
            )
    if block_type == "perspective" and OVERALL_SCOPE in (old.get("scope"), new.get("scope")):
        if _stored(old, "goals") != _stored(new, "goals"):
            changes.append(_("the central goals in “%(section)s”") % {"section": name})
    if block_type == "delegation":
        changes.extend(_delegation_changes(name, old, new))
    return changes


def _delegation_changes(name, old, new):
    """Authorities added, removed, moved or changed; their notes are the parties' own."""
    old_rows = _stored(old, "rows")
    new_rows = _stored(new, "rows")
    if len(old_rows) != len(new_rows):
        return [
            _("the list of authorities in “%(section)s” (added or removed)") % {"section": name}
        ]
    changes = []
    for old_row, new_row in zip(old_rows, new_rows, strict=True):
        if (old_row.get("authority"), old_row.get("delegated")) != (
            new_row.get("authority"),
            new_row.get("delegated"),
        ):
            changes.append(
                _("the authority “%(authority)s” in “%(section)s”")
                % {"authority": old_row.get("authority", ""), "section": name}
            )
    return changes


def hr_owned_changes(old_body, new_body):
    """The HR-owned parts that differ between two agreement bodies (StreamValues), named
    for the reader; ``[]`` when only the parties' own parts changed."""
    old_layout = [(child.id, child.block_type) for child in old_body]
    new_layout = [(child.id, child.block_type) for child in new_body]
    if old_layout != new_layout:
        return [_("the sections of the agreement (added, removed or moved)")]
    changes = []
    for old, new in zip(old_body, new_body, strict=True):
        name = old.value.get("heading") or _("(untitled section)")
        changes.extend(_section_changes(old.block_type, name, old.value, new.value))
    return changes


# Next period's agreement: the template's parts, the parties' parts carried over.


def with_fresh_ids(node):
    """A deep copy of raw block data with new block ids, so the copy shares nothing with
    the original."""
    if isinstance(node, dict):
        return {
            key: (str(uuid.uuid4()) if key == "id" else with_fresh_ids(item))
            for key, item in node.items()
        }
    if isinstance(node, list):
        return [with_fresh_ids(item) for item in node]
    return copy.deepcopy(node)


_YEAR = re.compile(r"\b(19|20)\d\d\b")


def follow_period(text, old_period, new_period):
    """``text`` with the years of ``old_period`` (start, end) replaced by those of
    ``new_period``: "Milepelsplan 2012" becomes "Milepelsplan 2013"."""
    years = {str(old.year): str(new.year) for old, new in zip(old_period, new_period, strict=True)}
    return _YEAR.sub(lambda match: years.get(match.group(0), match.group(0)), text)


def _matching_key(block_type, heading):
    """Sections match across versions by kind and heading, years aside."""
    return block_type, " ".join(_YEAR.sub("", heading or "").split()).casefold()


def _match_sections(old_sections, new_sections):
    """new position → old raw section: by kind and heading, else the next unmatched
    section of the same kind."""
    by_key = {}
    for old in old_sections:
        by_key.setdefault(_matching_key(old["type"], old["value"].get("heading")), old)
    matches, used = {}, set()
    for position, new in enumerate(new_sections):
        old = by_key.get(_matching_key(new["type"], new["value"].get("heading")))
        if old is not None and id(old) not in used:
            matches[position] = old
            used.add(id(old))
    for position, new in enumerate(new_sections):
        if position in matches:
            continue
        old = next(
            (o for o in old_sections if o["type"] == new["type"] and id(o) not in used), None
        )
        if old is not None:
            matches[position] = old
            used.add(id(old))
    return matches


def _carry_local_parts(block_type, old, new):
    """Copies the parties' own parts of ``old`` (raw section value) into ``new``."""
    if block_type == "perspective":
        if new.get("scope") != OVERALL_SCOPE and old.get("scope") != OVERALL_SCOPE:
            new["goals"] = with_fresh_ids(old.get("goals") or [])
    elif block_type == "quality_dimensions":
        new["dimensions"] = with_fresh_ids(old.get("dimensions") or [])
    elif block_type == "personal_development":
        new["goals"] = with_fresh_ids(old.get("goals") or [])
    elif block_type == "values_requirement":
        new["expectations"] = old.get("expectations", "")
    elif block_type == "delegation":
        notes = {
            (row.get("authority") or "").casefold(): row.get("note", "")
            for row in _without_ids(old.get("rows") or [])
        }
        for item in new.get("rows") or []:
            row = item["value"] if isinstance(item, dict) and "value" in item else item
            note = notes.get((row.get("authority") or "").casefold())
            if note:
                row["note"] = note
    # Follow-up meetings are dated within the old period, so they stay behind.


def next_period_body(template_body, previous_body, old_period, new_period):
    """The raw body of next period's agreement: ``template_body`` (the version in use for
    the new period) with headings following the period, and the parties' own parts carried
    over from ``previous_body`` (this period's agreement)."""
    sections = with_fresh_ids(list(template_body.raw_data))
    previous = copy.deepcopy(list(previous_body.raw_data))
    for position, old in _match_sections(previous, sections).items():
        _carry_local_parts(sections[position]["type"], old["value"], sections[position]["value"])
    for section in sections:
        if section["value"].get("heading"):
            section["value"]["heading"] = follow_period(
                section["value"]["heading"], old_period, new_period
            )
    return sections


def template_changes(old_body, new_body):
    """What a new template version changed, for HR and the parties to read before they
    start next period's agreement: sections added and removed (matched by kind and
    heading, years aside) and the HR-owned parts changed in the others."""
    old_by_key = {_matching_key(c.block_type, c.value.get("heading")): c for c in old_body}
    new_by_key = {_matching_key(c.block_type, c.value.get("heading")): c for c in new_body}
    changes = []
    for key, child in new_by_key.items():
        if key not in old_by_key:
            changes.append(_("New section “%(section)s”") % {"section": child.value["heading"]})
    for key, child in old_by_key.items():
        if key not in new_by_key:
            changes.append(_("Section “%(section)s” removed") % {"section": child.value["heading"]})
    for key, new in new_by_key.items():
        old = old_by_key.get(key)
        if old is None:
            continue
        name = new.value.get("heading") or _("(untitled section)")
        for part in _section_changes(new.block_type, name, old.value, new.value, True):
            changes.append(_("Changed: %(part)s") % {"part": part})
    return changes
