"""The cost of huge specs grows with the spec, not faster: counted (work done, objects kept),
never timed. Figures in time and memory: tools/bench_limits.py."""
from bulletin_cli.text import linebreak, words


def half(text: str, _at: int) -> float:
    return sum(1.0 if linebreak.is_full_width(c) else 0.5 for c in text)


class CountedNames(words.Names):
    """Names that count how often they are walked through (a copy or a union walks them)."""

    walks = 0

    def __iter__(self):
        CountedNames.walks += 1
        return super().__iter__()


def test_the_names_of_a_spec_are_not_copied_for_each_title():
    """A spec quoting a different person in each paragraph names thousands; each title that
    breaks copied them all (titles x names). The names are now made once per build."""
    surnames = sorted(words.SURNAMES - {s for s in words.SURNAMES if len(s) > 1})
    names = CountedNames(f"{a}{b}{c}" for a in surnames[:20] for b in "建国明华" for c in "军强")
    CountedNames.walks = 0
    for n in range(50):
        got = linebreak.break_title(f"市委宣传部第{n}次召开推进全国文明城市创建工作动员部署会议", 12, half,
                                    names=names)
        assert len(got) > 1
    assert CountedNames.walks == 0


def test_a_name_the_spec_gives_still_keeps_a_title_whole_there():
    names = words.Names({"田中俊"})
    nb = words.no_break("副市长田中俊带领督导组", words.lexicon(), names)
    assert nb[4:6] == [words.NAME, words.NAME]
    assert words.no_break("习近平总书记", words.lexicon(), names)[1:3] == [words.NAME, words.NAME]


def test_rows_waiting_for_their_page_keep_runs_not_the_breakers_units(monkeypatch):
    """Every body line waited for pagination with its placed units alive (objects per character,
    3/4 of the 1.5 GB a 1000-article spec took); a line is now its runs as soon as it is broken."""
    import gc

    from bulletin_cli.layout import compose as layout
    from bulletin_cli.layout.page import Run
    from bulletin_cli.pipeline import compose
    from bulletin_cli.spec.reader import parse_spec

    sentence = "3月12日，市创城第十二网格工作组到各社区督导检查创城工作进展情况。"
    body = "\n\n".join(sentence * 6 for _ in range(40))
    text = ("masthead:\n  title: 创城工作简报\n  issue: 1\n  publisher: 市创城办\n  date: 2021-03-15\n"
            "articles:\n  - title: 督导\n    body: |\n" + "".join(f"      {ln}\n" for ln in body.split("\n")))
    alive = {}
    real = layout.paginate

    def paginate(rows, first_row):
        gc.collect()
        alive["placed"] = sum(isinstance(o, linebreak.Placed) for o in gc.get_objects())
        alive["rows"] = len(rows)
        return real(rows, first_row)

    monkeypatch.setattr(layout, "paginate", paginate)
    doc, _faces, _notes = compose(parse_spec(text, "t.yaml"))
    glyphs = sum(len(r.text) for p in doc.pages for r in p.items if isinstance(r, Run))
    assert alive["rows"] > 200 and glyphs > 8000
    assert alive["placed"] < 20  # the title's (two characters) and a few: not one per body character


def test_proofreading_holds_one_paragraph_at_a_time_not_the_whole_spec(monkeypatch):
    """Proofreading made every paragraph of the spec into objects of one character each before
    reading the first: 0.9 GB for the 1000-article spec. Now a paragraph and the next.
    Units are counted as they are made and die (weak references), not by walking every object in
    the process at each paragraph (gc.get_objects: 13 s alone, 50 s inside the suite)."""
    import weakref

    from bulletin_cli.proofread import marks, units
    from bulletin_cli.spec.reader import load_text

    made = []

    class Unit(units.Unit):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            made.append(weakref.ref(self))

    paragraphs = [f"第{n}段，市创城办到各社区督导检查创城工作进展情况 ,并提出要求。" for n in range(300)]
    text = ("masthead:\n  title: 创城工作简报\n  issue: 1\n  publisher: 市创城办\n  date: 2021-03-15\n"
            "articles:\n  - title: 督导\n    body: |\n"
            + "\n\n".join(f"      {p}" for p in paragraphs) + "\n")
    alive = []
    real = marks.proofread

    def counted(body, *a, **k):
        alive.append(sum(u() is not None for u in made))
        return real(body, *a, **k)

    monkeypatch.setattr(marks, "proofread", counted)
    monkeypatch.setattr(units, "Unit", Unit)
    found = marks.proofread_spec(load_text(text, "t.yaml"))
    assert len(made) > 300  # every unit was counted
    assert len(alive) > 300 and max(alive) <= 2  # the masthead's and title's units, then one per paragraph
    assert [f.line for f in found if f.text == ","] == list(range(9, 9 + 2 * 300, 2))  # every one still found
