"""Page furniture: lines of an extracted page that are no part of the story.

What trafilatura keeps of a page can still hold the headline repeated, "Read more:" links,
lists of related headlines, newsletter and subscription prompts, share buttons, copyright and
photo credits, editing credits and "follow me on Twitter" lines. `clean_lines` drops those by
kind; `furniture_kind` says which kind a line is, so each rule can be tested on its own. The
rules describe kinds of lines, never particular sites.
"""

from __future__ import annotations

import re


def clean_lines(text: str, headlines: list[str] | None = None) -> str:
    """The text without its furniture lines: a headline repeated in the first lines, and a run
    of headline-like lines that a "Related:" or "Don't miss" label introduces."""
    kept: list[str] = []
    # After a list label every headline-like line is part of the list; after a "Read more:"
    # link only bulleted lines go on with it.
    list_of: str | None = None
    for number, line in enumerate(text.split("\n")):
        stripped = _strip_inline_furniture(line)
        kind = furniture_kind(stripped, headlines if number < 3 else None)
        if kind in {"list-label", "link"}:
            list_of = "label" if kind == "list-label" else list_of or "link"
            continue
        if list_of == "label" and _headline_like(stripped):
            continue
        if list_of == "link" and _bulleted(stripped):
            continue
        list_of = None
        if kind is None:
            kept.append(stripped)
    return "\n".join(_without_headline_lists(kept)).strip()


def _without_headline_lists(lines: list[str]) -> list[str]:
    """Drop runs of two or more bulleted headlines in title case ("- 15 Amazing Images of
    Stars") that no line ending in a colon introduces, and runs of "Section | Headline" lines:
    lists of links to other stories."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        if _section_headline(lines[index]):
            end = index
            while end < len(lines) and _section_headline(lines[end]):
                end += 1
            if end - index >= 2:
                index = end
                continue
        end = index
        while end < len(lines) and _bulleted(lines[end]):
            end += 1
        run = lines[index:end]
        introduced = bool(kept) and kept[-1].rstrip().endswith(":")
        if len(run) >= 2 and not introduced and all(_title_case_headline(r) for r in run):
            index = end
            continue
        kept.extend(run or [lines[index]])
        index = max(end, index + 1)
    return kept


def _section_headline(line: str) -> bool:
    """ "Milan Design Week 2018 | FLOS pays tribute to Achille Castiglioni": one pipe between two
    short titles, no sentence (a table row starts or ends with its pipe)."""
    stripped = line.strip()
    if stripped.count(" | ") != 1 or stripped.startswith("|") or stripped.endswith("|"):
        return False
    return len(_words(stripped)) <= 20 and not stripped.endswith(".")


def _title_case_headline(line: str) -> bool:
    words = [w for w in line.lstrip("-•*– ").split() if len(w) > 3 and w[0].isalpha()]
    if not words or len(_words(line)) > 15 or line.rstrip().endswith("."):
        return False
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)


_WORD = re.compile(r"\w+")


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _norm(line: str) -> str:
    return " ".join(_words(line.lower()))


# A label that introduces links to other stories, alone on its line or before a headline.
_LINK_LABEL = re.compile(
    r"^\W*(read|see|watch|listen|check out)( (more|also|next|now|this))?\b\s*[:|»>]"
    r"|^\W*(related|more|also|recommended|trending|further reading)"
    r"( (stories|story|articles|article|post|posts|coverage|content|reading|links?|news))?\s*:"
    r"|^\W*also on [\w.-]+\.\w{2,}\b"
    r"|^\[related:",
    re.IGNORECASE,
)
_LIST_LABEL = re.compile(
    r"^\W*(don'?t miss|you (may|might) also like|more (stories|from|on)\b.*|most (read|popular)"
    r"\b.*|tags|tagged|related( stories| articles| posts| coverage| content| links)?|recommended"
    r"( for you)?|trending( now)?|more|also|read more|see also|further reading|top stories)"
    r"\W*$",
    re.IGNORECASE,
)
# Express-style headline tags: "Plane passengers quarantined after outbreak [NEWS]".
_HEADLINE_TAG = re.compile(r"\[(INSIGHT|VIDEO|REACTION|NEWS|WARNING|PICTURES|POLL|LATEST)\]\W*$")
_CREDIT = re.compile(
    r"^\W*(additional |with additional |with )?(reporting|writing|editing|compiled|research"
    r"|translated|translation|produced)( and \w+)? by\b"
    r"|\bcontributed (reporting|to this (report|story|article))\b"
    r"|^\W*editing by\b",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"^\W*follow (\w+ ){0,6}(on|at) (twitter|facebook|instagram|linkedin|youtube|tiktok)\b"
    r"|^\W*follow @\w+|\bfollow (him|her|them|me|us) (on \w+ )?@\w+"
    r"|^\W*(reach|contact|email|e-mail|write to) (\w+ ){0,6}(at|on) \S*(@|twitter)"
    r"|^\W*have a (news )?tip\b"
    r"|^\W*follow [^.!?]{0,60}\b(at|on) https?://",
    re.IGNORECASE,
)
_BARE_CONTACT = re.compile(
    r"^\s*(\S+@\S+\.\w+|(https?://)?(www\.)?(twitter|facebook|instagram)\.com/\S+|@\w+)\s*$",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"\bnewsletters?\b.*\b(sign up|subscrib\w*|inbox|delivered)\b"
    r"|^[\w' ]{0,40}\bnewsletters?\W*$"
    r"|\b(sign up|subscrib\w*)\b.*\bnewsletters?\b"
    r"|\b(delivered|straight|right) (to|in|into) your inbox\b"
    r"|^\W*(subscribe|sign up|join|register) (now|today|here)\b"
    r"|^\W*if you (enjoyed|liked) this (article|story|post)\b"
    r"|\bclick here (for|to) (more|subscribe|sign up|find out more|learn more)\b"
    r"|\bsubscriptions?\b.*\b(for as little as|use the code|per month)\b"
    r"|^\W*(listen|watch) (to )?[\w' ]{0,40}\b(live|now|here|again)\b",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"^\W*(share|tweet|email|print|comment|comments|like|save|order reprints?)"
    r"( (this|it|on|via) [\w ]{0,30}| (this )?(article|story|page))?\W*$"
    r"|^\W*\d* ?comments?\W*$"
    r"|\bshare (it|this( story| article)?) with (a|your) friends?\b"
    r"|^\W*tell us what you think\b"
    r"|^\W*(leave|post|add) a comment\b"
    r"|\b(an error has occurred|please try again later)\b|^\W*thank you\W*$"
    r"|\bhas been sent to\W*$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^\W*(©|\(c\)|copyright\b)|\ball rights reserved\b|\bnon-commercial use only\b",
    re.IGNORECASE,
)
_PHOTO = re.compile(
    r"^\W*(photo|photos|photograph|image|images|picture|pictures|gallery|video|pictured|"
    r"illustration|graphic)( credit| source)?s?\s*[:|]"
    r"|^\W*\(?(photo|image|credit)s?( credit)?: [^.]{0,80}\)?\s*$"
    r"|^[^.!?]{0,80}©[^.!?]{0,60}$"
    r"|^\W*(photo|image)s? (by|courtesy of)\b[^.!?]{0,80}$"
    r"|\((credit|photo|image): [^)]{0,80}\)\s*$",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(
    r"^\W*(source|filed under|tags|tagged|categories|category|posted in|reading time"
    r"|tempo de leitura|updated|published|posted|last updated|first published)\b\s*[:|]"
    r"|^\W*(updated|published|posted|last updated)( at| on)? [\w ,:./-]{0,40}$",
    re.IGNORECASE,
)
# A stamp line: a year and a clock time with a few words ("November 20, 2019 - 11:28 AMT").
# A line that is a link and little else: "https://...", "Download: http://...".
# A bare link alone is left: some articles list their sources that way.
_BARE_LINK = re.compile(
    r"^\W*[\w' ]{1,40}:\s*(https?://|www\.)\S+(\s+(and|or|,)?\s*(https?://|www\.)\S+)*\s*$",
    re.IGNORECASE,
)
# A line that opens with a date: a stamp when it is short ("05/10/2018 - Posted by: ...").
_LEADING_DATE = re.compile(
    r"^\W*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4})\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_CLICK_TO_TWEET = re.compile(r"\s*click to tweet\s*$", re.IGNORECASE)


def _strip_inline_furniture(line: str) -> str:
    """Button text glued to the end of a sentence ("... continuum.'Click To Tweet")."""
    return _CLICK_TO_TWEET.sub("", line) if line.strip() else line


def furniture_kind(line: str, headlines: list[str] | None = None) -> str | None:
    """Which kind of furniture the line is, or None for article text. `headlines`, when given,
    are the page's title and headline: a line that only repeats one of them is furniture."""
    stripped = line.strip()
    if not stripped:
        return None
    words = _words(stripped)
    count = len(words)
    if count and headlines and _norm(stripped) in {_norm(h) for h in headlines}:
        return "headline"
    if _LIST_LABEL.match(stripped) and count <= 8:
        return "list-label"
    checks: list[tuple[str, re.Pattern[str], int]] = [
        ("link", _LINK_LABEL, 30),
        ("credit", _CREDIT, 60),
        ("social", _SOCIAL, 60),
        ("newsletter", _NEWSLETTER, 60),
        ("share", _SHARE, 12),
        ("copyright", _COPYRIGHT, 40),
        ("photo", _PHOTO, 25),
        ("label", _SOURCE_LINE, 12),
    ]
    for kind, pattern, most_words in checks:
        if count <= most_words and pattern.search(stripped):
            return kind
    if _HEADLINE_TAG.search(stripped):
        return "link"
    if _BARE_CONTACT.match(stripped):
        return "social"
    if _BARE_LINK.match(stripped) and count <= 20:
        return "link"
    if count <= 12 and _CLOCK.search(stripped) and _YEAR.search(stripped):
        return "stamp"
    if count <= 15 and _LEADING_DATE.match(stripped) and not stripped.endswith("."):
        return "stamp"
    return None


def _headline_like(line: str) -> bool:
    """A line of a related-stories list: a short headline with no closing full stop."""
    stripped = line.strip()
    if not stripped:
        return False
    if _bulleted(stripped) or _keyword_list(stripped):
        return True
    return len(_words(stripped)) <= 20 and not stripped.endswith((".", '."', ".”", ":"))


def _bulleted(line: str) -> bool:
    return line.lstrip().startswith(("- ", "• ", "* ", "– "))


def _keyword_list(line: str) -> bool:
    """A list of tags: four or more short comma-separated pieces and no sentence."""
    pieces = [p.strip() for p in line.rstrip(" .").split(",")]
    return len(pieces) >= 4 and all(0 < len(_words(p)) <= 5 for p in pieces)
