"""The fast paths of the loader's patterns find what the patterns find."""

import re
import string

from loaders.text import entities
from loaders.text.scan import CASE_FOLDS, lowered


def test_case_folds_are_every_character_that_breaks_searching_in_lower_case():
    letter = re.compile(r"[a-z]", re.I)
    classes = [re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d")]  # \b, \s, \d agree
    found = set()
    for cp in range(0x80, 0x110000):
        c = chr(cp)
        low = c.lower()
        if letter.fullmatch(c) or (
            low != c
            and (
                len(low) != 1
                or any(x in string.ascii_letters for x in low)
                or any(bool(k.match(c)) != bool(k.match(low)) for k in classes)
            )
        ):
            found.add(c)
    assert found == set(CASE_FOLDS)


def test_lowered_keeps_offsets_or_declines():
    text = "The Pearl River Delta’s Zones and PARKS"
    assert lowered(text) == text.lower() and len(lowered(text)) == len(text)
    assert lowered("Kun\u0130ng") is None


SENTENCES = [
    "Jiangsu's 26 National Economic Zones and the PARKS of the Yangtze River Delta grew.",
    "The ETDZs in East China, ports and areas of the Greater Bay Area; the zonesx.",
    "A forum on trade, the EXPO of Kunming and a Ceremony were held.",
    "The \u017fummit of the Bay \u0130rea and \u212aunming’s zones",  # characters that fold
    "No hint at all in this sentence.",
]


def _spans(matches):
    return [m.span() for m in matches]


def test_lower_case_hints_find_what_the_ignorecase_patterns_find():
    for text in SENTENCES:
        low = lowered(text) or text
        if lowered(text) is not None:
            assert _spans(entities._GROUP_HINT_LOW_RE.finditer(low)) == _spans(
                entities._GROUP_HINT_RE.finditer(text)
            )
            assert _spans(entities._MACRO_ANCHOR_LOW_RE.finditer(low)) == _spans(
                entities._MACRO_ANCHOR_RE.finditer(text)
            )
        for start in (0, 5):
            assert entities._has_event_hint(text, start) == bool(
                entities._EVENT_HINT_RE.search(text, start)
            )


def test_the_written_fast_is_the_word_boundary_the():
    # "[Tt](?<!\w[Tt])he" stands for "\b[Tt]he": the same matches
    texts = [
        "The Ruili zone and the Xiamen area; bathe Ruili zone, xThe Kashgar park.",
        "the Economic and Technological Development Zone in Longquanyi, "
        "lathe Industrial Park of Suzhou, The Hi-tech Zone of Wuhan",
    ]
    for fast in (entities._NAMED_KIND_RE, entities._PLACED_ZONE_RE):
        slow = re.compile(fast.pattern.replace("[Tt](?<!\\w[Tt])he", "\\b[Tt]he", 1))
        assert slow.pattern != fast.pattern
        for text in texts:
            found = [m.span() for m in fast.finditer(text)]
            assert found == [m.span() for m in slow.finditer(text)], text
        assert any(fast.search(t) for t in texts)


def test_every_period_match_holds_a_cue_word_the_sentence_test_looks_for():
    # facts._Sentence tries _PERIOD_RE only in sentences with a year or one of these words
    from loaders.text import facts

    text = (
        "In 2021 exports grew; last year, this year, currently, at present, so far, to date, "
        "as of now and now; during the first half of 2019, by the end of 2020, for the "
        "first six months of 2018, throughout 1999."
    )
    found = list(facts._PERIOD_RE.finditer(text))
    assert len(found) >= 12
    for m in found:
        low = m.group(0).lower()
        assert facts._YEAR_DIGITS_RE.search(low) or any(w in low for w in facts._PERIOD_RE_WORDS)
    for m in facts._MONTH_DAY_RE.finditer("on March 3 and Sept. 12 and Dec 1"):
        assert any(month in m.group(0) for month in facts._MONTH_ABBREVIATIONS)


def test_one_qualifier_search_gives_the_first_qualifier_that_matches():
    from loaders.text import quantities

    phrases = [
        "more than", "over", "above", "exceeded", "exceeds", "surpassing", "upwards of",
        "in excess of", "topped", "about", "around", "approximately", "roughly", "some",
        "nearly", "almost", "close to", "at least", "less than", "under", "below",
        "fewer than", "reached", "Over", "AT LEAST", "cover", "moreover than",
    ]  # fmt: skip
    for a in phrases:
        for b in [*phrases, ""]:
            for pre in (f"it {a} {b} ", f"{a} {b}\n", f"{a}{b} ", f"x {a} {b}"):
                first = next((n for rx, n in quantities._QUALIFIERS if rx.search(pre)), None)
                q = quantities._QUALIFIER_RE.search(pre)
                one = quantities._QUALIFIERS[int(q.lastgroup[1:])][1] if q else None
                assert one == first, pre


def test_the_first_break_tells_whether_a_break_ends_before_each_end():
    import random

    from loaders.text.entities import _BREAK_RE

    rnd = random.Random(7)
    for _ in range(3000):
        text = "".join(rnd.choice("ab ;:.,!?\n\t") for _ in range(rnd.randint(1, 12)))
        start = rnd.randint(0, len(text))
        brk = _BREAK_RE.search(text, start, len(text))
        brk_end = brk.end() if brk else len(text) + 1
        for end in range(start, len(text) + 1):
            assert (brk_end <= end) == bool(_BREAK_RE.search(text, start, end)), (text, end)


def test_abbreviations_are_found_in_the_last_characters_of_a_sentence():
    from loaders.text.document import _ABBREVIATIONS

    words = "A No Nos Co Ltd Inc Corp St Mr Mrs Ms Dr Prof vs e.g i.e etc Jan Sep Sept approx"
    for word in [*words.split(), "xapprox", "U.S", "ended", "2021"]:
        for before in ("", " ", "a", "(", "the total was 5 ", "long words here and\n"):
            sentence = f"{before}{word}."
            fast = _ABBREVIATIONS.search(sentence, max(0, len(sentence) - 8))
            assert bool(fast) == bool(_ABBREVIATIONS.search(sentence)), sentence


def test_the_sentence_end_finds_what_its_plain_form_finds():
    import random

    from loaders.text.document import _SENTENCE_END

    plain = re.compile(r"[.!?;]?[.!?](?:[”\"’)]*)(?=\s+|$)")
    rnd = random.Random(3)
    for _ in range(5000):
        text = "".join(rnd.choice('.!?;”"’) a\n') for _ in range(rnd.randint(0, 10)))
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        found = [m.span() for m in _SENTENCE_END.finditer(text, start, end)]
        assert found == [m.span() for m in plain.finditer(text, start, end)], (text, start)


def test_capitalised_tokens_are_those_of_the_plain_pattern():
    import random

    plain = re.compile(
        r"(?<![A-Za-z0-9])(?<![A-Za-z0-9]['’.-])[A-Z][A-Za-z0-9]*(?:['’.-][A-Za-z0-9]+)*\.?"
    )
    rnd = random.Random(5)
    for _ in range(5000):
        text = "".join(rnd.choice("aZ9'’.- \n") for _ in range(rnd.randint(0, 10)))
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        found = [m.span() for m in entities._CAP_TOKEN_RE.finditer(text, start, end)]
        assert found == [m.span() for m in plain.finditer(text, start, end)], (text, start)


def test_plans_are_read_in_lower_case_as_the_pattern_reads_them():
    from loaders.text import facts

    # lower-case words only, so that the lowered text matches where the original does
    assert facts._PLAN_RE.pattern == facts._PLAN_RE.pattern.lower()
    assert facts._PLAN_RE.flags & re.I
    texts = [
        "The zone WILL reach 5 billion yuan",
        "It Aims To attract 30 firms by 2025",
        "By 2030 the park",
        "goalkeeper and willow trees",
        "exports grew 5 percent",
        "x\u017fwill",
    ]
    for text in texts:
        low = lowered(text)
        if low is not None:
            assert bool(facts._PLAN_LOW_RE.search(low)) == bool(facts._PLAN_RE.search(text))


def test_every_rank_match_holds_a_word_the_sentence_test_looks_for():
    from loaders.text import facts

    text = (
        "It ranked first, placed 3rd among 40, came second, comes 10th, remained No. 1, "
        "is the top 5 in China, was number one, were No. 2, ranks 7th and ranking 12th."
    )
    found = list(facts._RANK_RE.finditer(text))
    assert len(found) >= 9
    for m in found:
        assert any(w in m.group(0) for w in facts._RANK_RE_WORDS), m.group(0)


def test_what_is_no_period_is_read_in_lower_case_as_the_pattern_reads_it():
    from loaders.text import facts

    assert facts._NOT_PERIOD_BEFORE.pattern == facts._NOT_PERIOD_BEFORE.pattern.lower()
    for before in [
        "since its launch in ",
        "Compared With ",
        "the zone was Established by the State Council in ",
        "exports in ",
        "more THAN ",
        "over\n",
        "\u017fince ",
    ]:
        assert facts._not_period_before(before) == bool(facts._NOT_PERIOD_BEFORE.search(before))


def test_the_connector_before_a_figure_is_found_where_the_pattern_finds_it():
    from loaders.text import facts

    words = re.sub(r"\(\?P<\w+>", "(", facts._INDICATOR_BEFORE_RE.pattern)  # group names aside
    assert words == words.lower()
    for text in [
        "the total import and export volume REACHED ",
        "its GDP was about ",
        "exports of the zone Stood At a total of ",
        "investment amounted to more than ",
        "reached",
        "the output value hit\n",
        "the zone's \u017fales reached ",
        "a reachable ",
    ]:
        for pos in (0, 3, max(0, len(text) - 60), len(text)):
            m = facts._INDICATOR_BEFORE_RE.search(text, pos)
            assert facts._indicator_before(text, pos) == (m.start() if m else None), text
