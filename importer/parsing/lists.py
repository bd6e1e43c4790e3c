"""Goals, tasks and activities: after "Projekto tikslas –", "Projekto tikslai:", "Projekto
uždaviniai:" as numbered or bulleted lists, or as one sentence of infinitives."""

import re

from .text import LOWER, capitalize_first

BULLET = re.compile(r"^(?:[•●▪◦·\-–*]|\d{1,2}[.)])\s*")
GOAL_SINGLE = re.compile(r"\bProjekto tikslas\s*[–—:-]\s*(?P<text>.+)", re.IGNORECASE)
GOALS_HEADING = re.compile(r"^Projekto tikslai\s*:?\s*$", re.IGNORECASE)
TASKS_HEADING = re.compile(r"^Projekto uždaviniai\s*:?\s*$", re.IGNORECASE)
TASKS_INLINE = re.compile(
    r"\bProjekto uždaviniai\s+(?:sieks|yra|bus)\s+(?P<text>.+)", re.IGNORECASE
)
# "…, norėdamos aktyvinti …, gerinti …, didinti …": the purposes of the work.
PURPOSE_INLINE = re.compile(
    r"\b(?:norėdam(?:os|i|a)|siekdam(?:os|i|a))\s+(?P<text>[^.]+\.)", re.IGNORECASE
)
ACTIVITIES_INLINE = re.compile(
    r"^Įgyvendinant projekt\w*(?: veiklas)?,\s*(?:be kit\w* (?:ko|darbų),\s*)?"
    r"(?:numatoma\s+|bus\s+)?(?P<text>.+)",
    re.IGNORECASE,
)
# Comma followed by an infinitive starts the next item: "didinti …, gerinti …".
INFINITIVE_SPLIT = re.compile(rf",\s+(?=[{LOWER}]+ti\b)")


def _sentence(text):
    """Up to the end of the first sentence, with the full stop kept."""
    match = re.match(r"(.+?[.!?])(?:\s|$)", text)
    return (match[1] if match else text).strip()


def _item(text):
    text = BULLET.sub("", text).strip().rstrip(";").strip()
    if text and text[-1] not in '.!?“”"':
        text += "."
    return capitalize_first(text)


def _list_after(lines, index):
    """The bulleted or numbered lines right after a heading."""
    items = []
    for line in lines[index + 1 :]:
        if BULLET.match(line):
            items.append(_item(line))
        elif items:
            break
        else:
            break
    return items


def find_goals(lines):
    """(goals, source text)."""
    for index, line in enumerate(lines):
        if GOALS_HEADING.match(line):
            items = _list_after(lines, index)
            if items:
                return items, "\n".join([line, *lines[index + 1 : index + 1 + len(items)]])
    for line in lines:
        match = GOAL_SINGLE.search(line)
        if match:
            return [_item(_sentence(match["text"]))], match.group(0)
    for line in lines:
        match = PURPOSE_INLINE.search(line)
        if match and "projekt" in line.casefold():
            parts = INFINITIVE_SPLIT.split(match["text"].rstrip("."))
            if len(parts) > 1:
                return [_item(part) for part in parts], match.group(0)
    return [], ""


def find_tasks(lines):
    """(tasks, source text)."""
    for index, line in enumerate(lines):
        if TASKS_HEADING.match(line):
            items = _list_after(lines, index)
            if items:
                return items, "\n".join([line, *lines[index + 1 : index + 1 + len(items)]])
    for line in lines:
        match = TASKS_INLINE.search(line)
        if match:
            sentence = _sentence(match["text"]).rstrip(".")
            return [_item(part) for part in INFINITIVE_SPLIT.split(sentence)], match.group(0)
    return [], ""


def find_activities(lines):
    """(activities, source text): a ";"-separated list of works, or a bulleted list that is
    neither the goals nor the tasks."""
    for line in lines:
        match = ACTIVITIES_INLINE.match(line)
        if match and ";" in match["text"]:
            body = match["text"].rstrip(".")
            return [_item(part) for part in body.split(";") if part.strip()], line
    used = set()
    for index, line in enumerate(lines):
        if GOALS_HEADING.match(line) or TASKS_HEADING.match(line):
            used.update(range(index + 1, index + 1 + len(_list_after(lines, index))))
    items, source = [], []
    for index, line in enumerate(lines):
        if index not in used and BULLET.match(line) and not line[:1].isdigit():
            items.append(_item(line))
            source.append(line)
    return items, "\n".join(source)
