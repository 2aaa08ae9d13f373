"""A seeded generator of realistic newsletter archives, for benchmarks and tests.

``generate(count, seed)`` builds ``count`` weekly issues of a fictional river
alliance's letter: an intro, about twenty hard-wrapped paragraphs in article and
event sections (events carry dates whose weekdays are right), Markdown links and
lists, and a footer and a "support us" paragraph shared by every issue, as real
archives have. Every ``plant_every``-th draft carries one planted mistake of a
kind the linter looks for (see ``PLANT_KINDS``); ``Archive.planted`` says where.

The same ``seed`` and ``count`` give the same drafts byte for byte, and each
draft depends only on the seed, its index and ``plant_every``, so the first 500
drafts of an archive of 2,000 are the archive of 500. Drafts are written with
``storage.dumps`` and so load with ``storage.load``.

It is not part of the package (the wheel does not ship it): `benchmarks/run.py` imports it from
beside itself, the tests as ``benchmarks.archivegen``.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft, KeyPath, Section

_T = TypeVar("_T")

#: The mistakes a generated archive can carry, in the order they are planted.
PLANT_KINDS: tuple[str, ...] = (
    "duplicate-paragraph",  # one paragraph pasted twice in the same issue
    "duplicate-run",  # a run of three paragraphs repeated at the end of a section
    "near-duplicate-paragraph",  # a paragraph repeated with a few words changed
    "archive-duplicate",  # a paragraph of the previous issue left in this one
    "weekday-mismatch",  # "Tuesday, 14 March" when 14 March is another day
    "impossible-date",  # "31 June"
    "past-event",  # an event section dated before the issue
    "relative-date",  # "this Saturday"
)

FIRST_ISSUE = date(1990, 1, 5)
PUBLICATION = "Willow River Letter"
WRAP = 96


def _lines(block: str) -> tuple[str, ...]:
    return tuple(block.strip().splitlines())


def _pairs(block: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (a.strip(), b.strip()) for a, _, b in (line.partition("|") for line in _lines(block))
    )


def _words(block: str) -> tuple[str, ...]:
    return tuple(block.split())


#: Paragraphs shared by every issue: what real archives repeat on purpose.
FOOTER = (
    "You receive this letter because you support the Willow River Alliance. To unsubscribe, "
    "reply to this message with the word unsubscribe, or write to us at the address below."
)
SUPPORT = (
    "Our work depends on members and small donors. If you can, please "
    "[support the alliance](https://willow-river.example/support) with a monthly gift; "
    "every contribution goes to projects on the river."
)
CLOSING = "With warm regards,"

_SUBJECTS = _lines("""
Our volunteers
The water quality team
Local families
The youth group
Farmers along the upper valley
The town council
Students from the regional school
The board
Members from three villages
The tree nursery crew
Two new interns
The bird survey group
Anglers from the lower reach
Neighbours of the old mill
The wetland wardens
Our partner organisation downstream
A team of retired engineers
The schools programme
Canoe club members
The footpath committee
Residents of Harrow Lane
The seed library volunteers
Our coordinator
The mapping volunteers
Beekeepers from the valley
""")
_VERBS = _words("""
planted surveyed cleaned mapped repaired measured documented restored monitored cleared
rebuilt tested counted photographed fenced replanted sampled inspected marked recorded
""")
_OBJECTS = _lines("""
the banks near the old mill
four hundred willow cuttings
the footpath to the wetland
water from nine sampling sites
the fish pass at the weir
nest boxes along the meadow
the reed beds below the bridge
the outfall pipes on the east bank
a kilometre of hedgerow
the spawning gravels above Linford
the pond behind the primary school
the flood meadow at Ashby
otter tracks on the gravel bars
the stepping stones at Fen End
the orchard by the pumping station
the ditches along Mill Road
the alder carr near the ford
the information boards at the car park
the culvert under the railway
the bat roosts in the boathouse
the dragonfly ponds
invasive balsam on the south bank
the riverside allotments
the weather station on the dam
litter traps in the town centre
the trout stream above the quarry
the oxbow lake
the wildflower verges
the new boardwalk
the community garden
""")
_COMPLEMENTS = _lines("""
despite the heavy rain
with help from the fire brigade
over three weekends
ahead of the winter floods
for the first time in a decade
in record time
thanks to a grant from the county
with borrowed waders and a lot of patience
before the nesting season
alongside staff from the water company
with the help of twenty first-time volunteers
in close cooperation with landowners
on a cold but bright morning
after months of careful planning
while a heron watched from the far bank
using the new testing kits
together with pupils from two schools
as part of the long-term survey
with tools lent by the parish
in time for the summer visitors
following the advice of the ecologists
at the request of local residents
under the guidance of an experienced ranger
with funding from members
as the water level dropped
""")
_FINDINGS = _lines("""
nitrate levels fall sharply below the new buffer strips
the number of breeding kingfishers has doubled
the water is clearer than at any point in our records
phosphate readings near the treatment works remain too high
young trout now reach the upper tributaries again
the restored meadow holds back water for several days after a storm
litter along the towpath has halved since the bins were moved
wild garlic and bluebells are spreading under the new canopy
otters are using the artificial holt we built
the invasive crayfish have not spread beyond the weir
more people walk the riverside path on weekdays than at weekends
the old drainage ditches still carry silt into the main channel
""")
_NOUNS = _words("""
alder badger bank barn beetle birch boardwalk bridge brook campsite canal causeway channel
coppice cottage culvert dam dipper ditch drain eel embankment estuary fence ferry field ford
footbridge gate grassland gravel bar hedge heron hollow island jetty kingfisher lane lock marsh
meadow mill moorhen newt orchard otter outfall pasture path pond pool quarry reedbed reservoir
ridge riffle rowan sandbar sedge shingle shoal sluice spring stile stream swan sycamore towpath
trout tunnel valley vole wagtail wall warren weir wetland willow wood spinney hatchery causeway
boathouse slipway mooring lagoon backwater millrace leat spillway floodplain terrace copse thicket
aqueduct barrage beacon bluff bog bothy bracken brow burrow cairn canopy carr cascade cliff
clearing common creek crossing culvert dell dingle dune dyke fen fishery flat gorge gully haven
headland heath hillock inlet kiln knoll ledge levee lido lodge marina mere moor nursery oxbow
paddock pier pinewood pumphouse rapids ravine rookery saltmarsh scrub shallows shore sidings
silo sink spit spur stable strand swamp tarn thorn track trail verge viaduct vineyard waterfall
""")
_PLURALS = _words("""
alders badgers beetles birches bridges brooks channels dippers ditches dragonflies eels fences
fields gates hedges herons kingfishers lanes mills moorhens newts oaks orchards otters paths
ponds pools reeds ridges sandbars stiles streams swans sycamores voles wagtails willows mayflies
damselflies toads frogs sparrows swallows martins buzzards kestrels owls bats shrews minnows
saplings seedlings posts planks sacks buckets nets boxes signs benches
""")
_ADJECTIVES = _words("""
ancient broad brackish busy clear cold crumbling damp deep dry eroded fallen flooded fragile
fresh frozen gentle green hidden high icy lively long low marshy misty muddy narrow neglected
noisy old overgrown quiet rapid rocky rough rusty sandy shallow sheltered silted slow
small sodden steep still stony sunny swollen tangled tidal tiny turbid upper vast warm wet wide
wild windy winding wooded young northern southern eastern western lower middle grassy leafy
abandoned airy battered bleak blustery boggy bright brittle brown calm chalky chilly cloudy
coarse crooked crowded dappled dark dense dusty empty exposed faded fast fertile
forgotten frosty gloomy golden gravelly grey hazy heavy hilly humid lonely lush mellow
mossy murky mysterious open pale patchy peaceful placid pleasant polluted pristine reedy remote
rugged rural scenic secluded serene shady silent silvery sloping smooth soft sparkling sparse
splendid spongy stagnant sturdy sunlit thick thin tranquil twisting unspoilt verdant weedy
""")
_PAST_VERBS = _words("""
counted cleared mapped measured sampled photographed repaired planted rebuilt restored surveyed
inspected recorded monitored fenced cleaned marked dug widened netted lifted moved sorted checked
watched spotted tagged weighed traced filmed logged found noticed described visited crossed
followed explored studied sketched painted reported reopened protected drained refilled
""")
_PREPOSITIONS = _words("""
near beside below above behind along across beyond around under past towards inside outside
alongside opposite within
""")
_PLACE_STARTS = _words("""
Ash Black Bram Brook Cald Cold Crane Elm Fern Fox Hare Hazel Holly Kings Lark Long Marl Mill
Moss Nether Oak Pike Red Rush Salt Sand Stan Thorn Wil Wych
""")
_PLACE_ENDS = _words("""
bourne bridge brook by combe cote dale den field ford gate ham hithe hurst ley low mere mouth
stead thorpe ton wick worth
""")
_OUTCOMES = _lines("""
had changed beyond recognition
needs another season of work
is worth a visit at any time of year
was busier than anyone expected
surprised even the ecologists
has not looked this healthy for decades
is still recovering from the floods
deserves far more attention than it gets
""")
_GROUPS = _lines("""
canoe club
youth group
bird survey group
wetland wardens
anglers
farmers
beekeepers
residents
students
allotment holders
walking group
scouts
history society
parish council
""")
_SPANS = _words("weekends mornings evenings weeks visits shifts outings")
_OPENINGS = ("The latest counts suggest", "Our records show", "The survey found")
_FIRST_NAMES = _words("""
Ana Tomas Priya Ewan Mariam Jonas Leila Oskar Hannah Kofi Ines Rafael Sofia David Mei Aled
Grace Yusuf Clara Niamh
""")
_LAST_NAMES = _words("""
Ferreira Lindqvist Okafor Marsh Haddad Kowalski Brennan Osei Whitfield Nakamura Delgado
Price Fischer Morgan Achebe Rowe
""")
_ROLES = _lines("""
has farmed by the river for forty years
leads our water sampling
joined the alliance last spring
teaches biology at the regional school
runs the canoe club
chairs the footpath committee
looks after the tree nursery
volunteers every Saturday
studies freshwater ecology
keeps bees above the valley
""")
_HEADINGS_NEWS = _lines("""
News from the river
What happened this week
Around the valley
On the banks
River news
""")
_HEADINGS_FIELD = _lines("""
From the field
Notes from the volunteers
Survey notes
Working days
In the water
""")
_EVENTS = _pairs("""
Spring planting day | plant willow and alder along the eroded bank
River clean-up | clear litter from the banks between the two bridges
Guided wetland walk | walk the boardwalk with our wardens and learn the birds by ear
Members' assembly | vote on next year's priorities and hear the survey results
Water testing training | learn to take and record water samples with our kits
Bat evening | listen for bats over the mill pond with borrowed detectors
Hedge laying workshop | learn to lay a hedge the traditional way
Open day at the nursery | see how our young trees are grown and take one home
""")
_VENUES = _lines("""
the car park at Fen End
Harrow Lane Community Hall
the old boathouse
the tree nursery on Mill Road
the visitor centre at Ashby Meadows
Linford village green
the footbridge below the weir
""")
_PRACTICALITIES = _lines("""
Bring sturdy shoes and clothes for the weather.
Tools, gloves and hot drinks are provided.
Children are welcome with an adult.
The site is a short walk from the bus stop.
Parking is limited, so please share a car if you can.
""")
_PUBLICATIONS = _pairs("""
annual report | reports/annual
water quality survey | survey/results
guide to river restoration | guides/restoration
bird census | census/birds
map of sampling sites | maps/sampling
volunteer handbook | guides/volunteers
study of the flood meadows | studies/meadows
letter to the water company | letters
""")
_WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_MONTHS = _words(
    "January February March April May June July August September October November December"
)


@dataclass(frozen=True)
class Planted:
    """A mistake planted on purpose: its kind, the file, the text value and what was done."""

    kind: str
    filename: str
    field: KeyPath
    detail: str


@dataclass(frozen=True)
class GeneratedDraft:
    """One generated issue: its file name, the draft and its TOML text."""

    filename: str
    draft: Draft
    text: str


@dataclass(frozen=True)
class Archive:
    """A generated archive: the drafts in date order and the mistakes planted in them."""

    drafts: tuple[GeneratedDraft, ...]
    planted: tuple[Planted, ...]

    def clean(self) -> list[GeneratedDraft]:
        """The drafts that carry no planted mistake."""
        marked = {p.filename for p in self.planted}
        return [d for d in self.drafts if d.filename not in marked]


def long_date(day: date, weekday: bool = True) -> str:
    """``Saturday, 14 March 2026`` (or without the weekday)."""
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]}, {text}" if weekday else text


def wrap(text: str) -> str:
    """Hard-wrap a paragraph as people do in a text editor."""
    return "\n".join(textwrap.wrap(text, WRAP, break_long_words=False, break_on_hyphens=False))


class _Writer:
    """The prose of one issue, from its own random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, items: Sequence[_T]) -> _T:
        return self.rng.choice(items)

    def person(self) -> str:
        return f"{self.pick(_FIRST_NAMES)} {self.pick(_LAST_NAMES)}"

    def place(self) -> str:
        return self.pick(_PLACE_STARTS) + self.pick(_PLACE_ENDS)

    def thing(self) -> str:
        """``the sheltered culvert near Hazelford``: the specific detail real prose is full of."""
        noun = self.pick(_NOUNS)
        return f"the {self.pick(_ADJECTIVES)} {noun} {self.pick(_PREPOSITIONS)} {self.place()}"

    def who(self) -> str:
        """Someone who did something: a person, a local group or one of ours."""
        form = self.rng.randrange(8)
        if form < 3:
            return self.person()
        if form < 5:
            return f"the {self.place()} {self.pick(_GROUPS)}"
        if form < 7:
            return f"{self.pick(_GROUPS)} from {self.place()}"
        return self.pick(_SUBJECTS)

    def what(self) -> str:
        """Something they did it to."""
        form = self.rng.randrange(8)
        if form < 3:
            return f"the {self.pick(_ADJECTIVES)} {self.pick(_NOUNS)}"
        if form < 5:
            return f"{self.rng.randrange(3, 980)} {self.pick(_ADJECTIVES)} {self.pick(_PLURALS)}"
        if form < 7:
            return f"{self.pick(_ADJECTIVES)} {self.pick(_PLURALS)} at {self.place()}"
        return self.pick(_OBJECTS)

    def how(self) -> str:
        """The circumstance that makes a sentence specific."""
        form = self.rng.randrange(8)
        if form < 4:
            return f"{self.pick(_PREPOSITIONS)} the {self.pick(_ADJECTIVES)} {self.pick(_NOUNS)}"
        if form < 5:
            return f"with help from {self.person()}"
        if form < 7:
            return f"over {self.rng.randrange(2, 12)} {self.pick(_ADJECTIVES)} {self.pick(_SPANS)}"
        return self.pick(_COMPLEMENTS)

    def sentence(self) -> str:
        form = self.rng.randrange(12)
        verb, count = self.pick(_PAST_VERBS), self.rng.randrange(3, 980)
        if form >= 7:
            return _capital(f"{self.who()} {verb} {self.what()} {self.how()}.")
        if form == 1:
            return f"{self.pick(_OPENINGS)} that {self.pick(_FINDINGS)} at {self.place()}."
        if form == 2:
            return (
                f"{self.person()}, who {self.pick(_ROLES)}, told us that {self.thing()} "
                f"{self.pick(_OUTCOMES)}."
            )
        if form == 3:
            return f"In all, {count} volunteers {verb} {self.what()} and {self.thing()}."
        if form == 4:
            plural, adjective = self.pick(_PLURALS), self.pick(_ADJECTIVES)
            thing = self.thing()
            return f"{self.person()} {verb} {count} {adjective} {plural} along {thing}."
        if form == 5:
            return f"At {self.place()}, {self.who()} {verb} {self.what()} {self.how()}."
        return _capital(f"{self.who()} {verb} {self.what()} and {self.thing()}.")

    def paragraph(self, sentences: int | None = None) -> str:
        count = sentences or self.rng.randrange(3, 6)
        chosen: dict[str, None] = {}
        while len(chosen) < count:
            chosen[self.sentence()] = None
        return " ".join(chosen)

    def bullet_list(self) -> str:
        items = [
            f"- {self.pick(_SUBJECTS)} {self.pick(_VERBS)} {self.pick(_OBJECTS)}."
            for _ in range(self.rng.randrange(3, 5))
        ]
        return "\n".join(dict.fromkeys(items))

    def publication(self, year: int, number: int) -> str:
        name, slug = self.pick(_PUBLICATIONS)
        url = f"https://willow-river.example/{slug}/{year}-{number}"
        return f"Our [{name}]({url}) is now online. {self.paragraph(3)}"

    def event(self, issue_date: date, past: bool = False, weekday_shift: int = 0) -> Section:
        """An event section dated after the issue (before it, when ``past``).

        ``weekday_shift`` names the wrong weekday in the text, as a hurried editor might.
        """
        title, activity = self.pick(_EVENTS)
        offset = self.rng.randrange(9, 45)
        day = issue_date - timedelta(days=offset) if past else issue_date + timedelta(days=offset)
        end = day + timedelta(days=1) if self.rng.randrange(5) == 0 else None
        venue = self.pick(_VENUES)
        start = long_date(day)
        if weekday_shift:
            start = f"{_WEEKDAYS[(day.weekday() + weekday_shift) % 7]}, {long_date(day, False)}"
        when = f"from {start} to {long_date(end)}" if end else f"on {start}"
        hour = self.rng.choice(("09:30", "10:00", "14:00", "18:30"))
        first = f"Join us {when} at {venue} to {activity}. We start at {hour}. {self.sentence()}"
        second = f"{self.pick(_PRACTICALITIES)} {self.paragraph(2)}"
        return Section(
            heading=title,
            body=_join([first, second]),
            kind="event",
            date=day,
            end_date=end,
            location=venue[0].upper() + venue[1:],
        )


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _join(paragraphs: Sequence[str]) -> str:
    return "\n\n".join(wrap(p) if not p.startswith(("-", "#")) else p for p in paragraphs)


def _reword(paragraph: str, rng: random.Random) -> str:
    """A partly edited copy: a few words swapped for others, most of the text kept."""
    words = paragraph.split()
    # every other word at most, so that two inserted words never stand side by side
    plain = [i for i, w in enumerate(words[:-1]) if i % 2 == 0 and w.isalpha() and w.islower()]
    for index in rng.sample(plain, k=max(2, len(words) // 12)):
        words[index] = rng.choice(("also", "again", "recently", "finally", "quietly"))
    return " ".join(words)


def _issue(
    index: int, seed: int, plant: str | None, previous: str | None
) -> tuple[Draft, str, Planted | None]:
    rng = random.Random(f"{seed}:{index}")
    write = _Writer(rng)
    issue_date = FIRST_ISSUE + timedelta(weeks=index)
    number = index + 1
    filename = f"{issue_date.isoformat()}-issue-{number:04d}.toml"
    intro = ["Dear friends,", write.paragraph(), write.paragraph(3)]
    news = [write.paragraph() for _ in range(4)] + ["### In brief", write.bullet_list()]
    field_notes = ["### " + write.pick(_HEADINGS_FIELD)] + [write.paragraph() for _ in range(3)]
    publications = [write.publication(issue_date.year, number) for _ in range(2)]
    events = [write.event(issue_date) for _ in range(1 + rng.randrange(2))]
    closing = [CLOSING, f"{write.person()}, on behalf of the alliance.", SUPPORT, FOOTER]
    planted: Planted | None = None

    def mark(field: KeyPath, detail: str) -> None:
        nonlocal planted
        planted = Planted(plant or "", filename, field, detail)

    events_at = 2  # sections: news, field notes, events..., publications
    if plant == "duplicate-paragraph":
        field_notes.append(news[1])
        mark(
            ("sections", 1, "body"),
            "the second news paragraph pasted at the end of the field notes",
        )
    elif plant == "duplicate-run":
        field_notes.extend(news[:3])
        mark(
            ("sections", 1, "body"),
            "the first three news paragraphs repeated after the field notes",
        )
    elif plant == "near-duplicate-paragraph":
        field_notes.append(_reword(news[2], rng))
        mark(
            ("sections", 1, "body"),
            "a reworded copy of the third news paragraph in the field notes",
        )
    elif plant == "archive-duplicate" and previous is not None:
        news.insert(2, previous)
        mark(
            ("sections", 0, "body"),
            "a paragraph of the previous issue kept as the third news paragraph",
        )
    elif plant == "weekday-mismatch":
        shift = 1 + rng.randrange(6)
        events[0] = write.event(issue_date, weekday_shift=shift)
        day = events[0].date
        assert day is not None
        wrong = _WEEKDAYS[(day.weekday() + shift) % 7]
        mark(
            ("sections", events_at, "body"),
            f"{wrong}, {long_date(day, False)} is a {_WEEKDAYS[day.weekday()]}",
        )
    elif plant == "impossible-date":
        year = issue_date.year - 1
        news[0] = (
            f"Our records from 31 June {year} show the highest water level of that summer. "
            + news[0]
        )
        mark(("sections", 0, "body"), f"31 June {year}")
    elif plant == "past-event":
        events[0] = write.event(issue_date, past=True)
        mark(("sections", events_at), f"event dated {events[0].date} before the issue {issue_date}")
    elif plant == "relative-date":
        news[1] = "The new footbridge opens to walkers this Saturday. " + news[1]
        mark(("sections", 0, "body"), "this Saturday")

    sections = (
        Section(heading=write.pick(_HEADINGS_NEWS), body=_join(news)),
        Section(heading=field_notes[0][4:], body=_join(field_notes[1:])),
        *events,
        Section(heading="Publications", body=_join(publications)),
    )
    draft = Draft(
        title=PUBLICATION,
        date=issue_date,
        number=number,
        language="en",
        summary=f"Issue {number}: news from the valley, {events[0].heading.lower()}, new reading.",
        authors=(write.person(), "Communications team"),
        intro=_join(intro),
        closing=_join(closing),
        sections=sections,
    )
    return draft, filename, planted


def generate(count: int, seed: int = 0, plant_every: int = 25) -> Archive:
    """``count`` weekly issues; every ``plant_every``-th carries one mistake (0: none)."""
    made: list[GeneratedDraft] = []
    planted: list[Planted] = []
    previous: str | None = None
    for index in range(count):
        plant = None
        if plant_every and index % plant_every == plant_every - 1:
            plant = PLANT_KINDS[(index // plant_every) % len(PLANT_KINDS)]
        draft, filename, mark = _issue(index, seed, plant, previous)
        made.append(GeneratedDraft(filename, draft, storage.dumps(draft)))
        if mark is not None:
            planted.append(mark)
        # the first paragraph of the field notes: what a careless editor keeps next time
        previous = next(p.text for p in draft.paragraphs() if p.field == ("sections", 1, "body"))
    return Archive(tuple(made), tuple(planted))


def write_archive(archive: Archive, folder: Path) -> list[Path]:
    """Write each draft as ``folder/<filename>``; returns the paths in date order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in archive.drafts:
        path = folder / item.filename
        path.write_text(item.text, encoding="utf-8")
        paths.append(path)
    return paths


def write_workspace(root: Path, archive: Archive) -> Path:
    """A workspace at ``root``: ``newsletter.toml`` and the drafts in ``issues/``."""
    root.mkdir(parents=True, exist_ok=True)
    config = root / "newsletter.toml"
    config.write_text(
        f'name = "{PUBLICATION}"\nlanguage = "en"\nissues_dir = "issues"\n', encoding="utf-8"
    )
    write_archive(archive, root / "issues")
    return root / "issues"
