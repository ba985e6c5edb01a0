"""Small synthetic articles about three happenings: two floods in different towns (one kind of
event, as in an ECB+ topic) and an election, three articles each, dated."""

from __future__ import annotations

import datetime as dt

FLOOD = [
    "Floods hit {town} on {day} after the {river} burst its banks. Mayor {mayor} said rescue "
    "teams from {town} had reached the harbour district, where {count} homes were under water.",
    "Rescue teams in {town} worked through the night as the {river} kept rising. {mayor}, the "
    "town's mayor, asked residents of the old quarter to leave; {count} homes are flooded.",
    "The {river} began to fall in {town} on {day}. Mayor {mayor} thanked the volunteers and said "
    "the cost of the damage to {count} homes along the {river} would be known next week.",
]
# The same kind of happening told by other reporters: what the two floods share is the kind.
OTHER_FLOOD = [
    "Heavy rain swelled the {river} and water poured into central {town} on {day}; about "
    "{count} families were evacuated by boat, {mayor} told local radio.",
    "In {town}, {mayor} declared a state of emergency as the {river} flooded schools and shops. "
    "The army sent trucks and pumps to {town}.",
    "Cleaning up began in {town} once the {river} receded. {mayor} estimated that {count} "
    "families lost their belongings and asked the government for help.",
]
ELECTION = [
    "Voters in {country} elected {leader} as president on {day}, ending a long campaign. "
    "{leader} won {share} percent of the vote, the electoral commission of {country} said.",
    "{leader} promised to fight corruption after winning the presidential vote in {country}. "
    "Turnout was high and observers from {union} called the ballot fair.",
    "Observers from {union} praised the conduct of the {country} presidential election that "
    "brought {leader} to power with {share} percent, though the opposition disputes it.",
]
HAPPENINGS = {
    "kessel-flood": (
        FLOOD,
        {"town": "Kessel", "river": "Ambra", "mayor": "Ilse Varga", "count": "300"},
        dt.date(2024, 3, 4),
    ),
    "dorin-flood": (
        OTHER_FLOOD,
        {"town": "Dorin", "river": "Selvo", "mayor": "Marek Oyelaran", "count": "85"},
        dt.date(2024, 3, 6),
    ),
    "election": (
        ELECTION,
        {"country": "Varnia", "leader": "Tomas Heule", "share": "54", "union": "the Baltic Union"},
        dt.date(2024, 3, 5),
    ),
}
DAYS = ("Monday", "Tuesday", "Wednesday")


def articles() -> list[tuple[str, str, dt.date]]:
    """(document id, text, publication date), oldest first; ids say the happening."""
    found = []
    for name, (templates, slots, first) in HAPPENINGS.items():
        for number, template in enumerate(templates):
            text = template.format(**slots, day=DAYS[number])
            found.append((f"{name}-{number}", text, first + dt.timedelta(days=number)))
    return sorted(found, key=lambda item: (item[2], item[0]))


def happening(doc_id: str) -> str:
    return doc_id.rsplit("-", 1)[0]
