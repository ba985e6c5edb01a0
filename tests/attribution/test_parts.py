"""The attribution stage's rule parts and the PolNeAR scorer, without the trained model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsgraph.attribution.assemble import Group, group_roles, join_fragments
from newsgraph.attribution.channel import find_channel
from newsgraph.attribution.continuation import continue_quotes, lead_ins
from newsgraph.attribution.lexicon import stance_of
from newsgraph.attribution.posts import find_posts
from newsgraph.attribution.quotes import quoted_regions, quoted_share
from newsgraph.attribution.tagger import AttributionTagger
from newsgraph.attribution.tagging import (
    BEGIN,
    INSIDE,
    MAX_LENGTH,
    OUTSIDE,
    Encoded,
    bio_viterbi,
    decode_spans,
    make_windows,
    merge_window_predictions,
    token_labels,
)
from newsgraph.evaluate.polnear import score_article, trim


def find(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_quotes_pair_curly_and_straight_and_stop_at_paragraph_end() -> None:
    text = '“We stay,” she said. He said "no."\n\n“An open quote runs on\n\nand reopens.”'
    regions = [text[s:e] for s, e in quoted_regions(text)]
    assert regions == ["“We stay,”", '"no."', "“An open quote runs on", "and reopens.”"]


def test_two_apostrophes_and_backticks_are_double_quote_marks() -> None:
    text = (
        "''We will not sign,'' Lind said, and the isn't of it stays out. "
        "``Never,'' she added.\n\n''An open one runs on"
    )
    regions = [text[s:e] for s, e in quoted_regions(text)]
    assert regions == ["''We will not sign,''", "``Never,''", "''An open one runs on"]
    # a quote so marked may run past its cue's sentence like any other quote
    told = "``Never,'' she added. ''Not this year.''"
    piece = find(told, "''Not this year.''")
    sentences = [find(told, "``Never,'' she added."), piece]
    groups = group_roles(told, [find(told, "added")], [], [piece], sentences)
    assert groups[0].content == [piece]


def test_unbalanced_quote_does_not_swallow_the_article() -> None:
    text = 'He said "this never closes.\n\nA later paragraph stays outside.'
    [(start, end)] = quoted_regions(text)
    assert text[start:end] == '"this never closes.'
    later = find(text, "A later paragraph")
    assert quoted_share(quoted_regions(text), *later) == 0.0


def test_stance_of_cue_lemmas() -> None:
    assert stance_of("say") == "neutral"
    assert stance_of("claim") == "distancing"
    assert stance_of("allege") == "distancing"
    assert stance_of("insist") == "assertive"
    assert stance_of("ask") == "question"
    assert stance_of("according to") == "neutral"
    assert stance_of("deny") == "other"


def test_embedded_post_signature() -> None:
    text = (
        "Intro paragraph.\n\nThe pipeline deal is dead, and everyone in Tbilisi knows it. "
        "pic.twitter.com/Ab12Cd — Nino Beridze (@nberidze) February 17, 2023\n\nNext."
    )
    [post] = find_posts(text)
    assert text[post.content[0] : post.content[1]].startswith("The pipeline deal is dead")
    assert text[post.content[0] : post.content[1]].endswith("knows it.")
    assert text[post.author[0] : post.author[1]] == "Nino Beridze"
    assert text[post.handle[0] : post.handle[1]] == "@nberidze"
    assert post.date is not None and text[post.date[0] : post.date[1]] == "February 17, 2023"


def test_channels() -> None:
    cases = {
        "Lekić said during the interview with TV Vijesti that he would stay.": (
            "the interview with TV Vijesti"
        ),
        "Šoć asked in the weekly Crnogorski Pregled, “Who counted?”": (
            "the weekly Crnogorski Pregled"
        ),
        "She told Horn Ledger that the lease was fair.": "Horn Ledger",
        "Lomidze wrote in the Caspian Energy Review that prices would rise.": (
            "the Caspian Energy Review"
        ),
    }
    for sentence, expected in cases.items():
        span = find_channel(sentence, 0, len(sentence), [])
        assert span is not None and sentence[span[0] : span[1]] == expected, sentence
    plain = "He said the talks would resume."
    assert find_channel(plain, 0, len(plain), []) is None


def test_groups_join_nearest_cue_and_keep_split_quotes_together() -> None:
    text = "“We will sign,” Maïga said. “But not today.”\n\nThe minister denied it, Reuters said."
    groups = group_roles(
        text,
        cues=[
            find(text, "said"),
            find(text, "denied"),
            (text.rindex("said"), text.rindex("said") + 4),
        ],
        sources=[find(text, "Maïga"), find(text, "The minister"), find(text, "Reuters")],
        contents=[find(text, "We will sign,"), find(text, "But not today."), find(text, "it")],
    )
    first = groups[0]
    assert first.source == find(text, "Maïga")
    assert first.content == [find(text, "We will sign,"), find(text, "But not today.")]
    assert groups[1].source == find(text, "The minister")
    assert groups[2].source == find(text, "Reuters")


def test_windows_cover_every_piece_once() -> None:
    ids = list(range(1000))
    windows = make_windows(ids, cls_id=-1, sep_id=-2)
    assert all(len(w.ids) <= MAX_LENGTH for w in windows)
    owned = [i for w in windows for i in range(w.own_from, w.own_to)]
    assert owned == ids
    for window in windows:
        assert (
            window.first <= window.own_from and window.own_to <= window.first + len(window.ids) - 2
        )


def test_labels_round_trip_through_windows() -> None:
    text = "Officials said the port would reopen soon."
    words = [(m, m + len(w)) for m, w in _words(text)]
    gold = {
        "source": [find(text, "Officials")],
        "cue": [find(text, "said")],
        "content": [find(text, "the port would reopen soon")],
    }
    labels = token_labels(words, gold)
    assert labels[0].tolist() == [BEGIN, OUTSIDE, OUTSIDE]
    assert labels[3].tolist() == [OUTSIDE, OUTSIDE, INSIDE]
    encoded = Encoded(
        ids=list(range(len(words))),
        offsets=words,
        windows=make_windows(list(range(len(words))), 0, 0),
    )
    certain = np.eye(3, dtype=np.float32)[labels]  # one-hot probabilities [pieces, roles, 3]
    merged = merge_window_predictions(
        encoded, [certain[w.first : w.first + len(w.ids) - 2] for w in encoded.windows]
    )
    assert np.array_equal(merged.argmax(-1), labels)
    assert decode_spans(merged, words, text) == gold


def test_decoding_keeps_a_wavering_source_whole_and_cuts_at_a_confident_begin() -> None:
    text = "Her daughter said that the House panel and the Senate agreed"
    words, probabilities = _all_outside(text)

    def source(index: int, outside: float, begin: float) -> None:
        probabilities[index, 0] = [outside, begin, 1.0 - outside - begin]

    source(0, 0.1, 0.8)  # Her: a clear start
    source(1, 0.7, 0.05)  # daughter: unsure, but the span is running
    source(4, 0.2, 0.3)  # the: opens a span, as B + I passes one half
    source(5, 0.6, 0.0)  # House
    source(6, 0.65, 0.0)  # panel
    source(7, 0.9, 0.0)  # and: outside
    source(8, 0.2, 0.6)  # the
    source(9, 0.05, 0.95)  # Senate: a confident B cuts a new span
    spans = decode_spans(probabilities, words, text)["source"]
    second_the = text.index("the Senate")
    assert spans == [
        find(text, "Her daughter"),
        find(text, "the House panel"),
        (second_the, second_the + 3),
        find(text, "Senate"),
    ]


def test_decoding_cuts_a_content_wherever_begin_is_likeliest() -> None:
    text = "She said prices rose and wages fell"
    words, probabilities = _all_outside(text)
    probabilities[2:7, 2] = [
        [0.1, 0.8, 0.1],  # prices
        [0.1, 0.1, 0.8],  # rose
        [0.4, 0.1, 0.5],  # and
        [0.2, 0.45, 0.35],  # wages: B is likeliest, though under one half
        [0.3, 0.1, 0.6],  # fell
    ]
    spans = decode_spans(probabilities, words, text)["content"]
    assert spans == [find(text, "prices rose and"), find(text, "wages fell")]


def test_content_decoding_bridges_a_dip_but_not_a_gap() -> None:
    text = "She said prices rose , as feared , in May . Wages fell"
    words, probabilities = _all_outside(text)
    probabilities[2:12, 2] = [
        [0.1, 0.8, 0.1],  # prices
        [0.1, 0.1, 0.8],  # rose
        [0.6, 0.0, 0.4],  # ,: O is likeliest here, but no new span would begin after it
        [0.55, 0.05, 0.4],  # as
        [0.4, 0.0, 0.6],  # feared
        [0.4, 0.0, 0.6],  # ,
        [0.3, 0.0, 0.7],  # in
        [0.3, 0.0, 0.7],  # May
        [0.95, 0.0, 0.05],  # .
        [0.1, 0.0, 0.9],  # Wages: I after a sure O can only be a slip or a missed B
    ]
    spans = decode_spans(probabilities, words, text)["content"]
    assert spans == [find(text, "prices rose , as feared , in May")]
    assert list(bio_viterbi(np.array([[0.2, 0.1, 0.7], [0.1, 0.2, 0.7]]))) == [BEGIN, INSIDE]


def test_decoding_keeps_a_colon_cue_but_no_other_lone_punctuation() -> None:
    text = "Pence : Flowers will not be there , aides say"
    words, probabilities = _all_outside(text)
    probabilities[1, 1] = [0.1, 0.9, 0.0]  # ":" as a cue
    probabilities[7, 1] = [0.1, 0.9, 0.0]  # "," as a cue: a slip
    probabilities[7, 2] = [0.1, 0.9, 0.0]  # "," as a content: a slip
    spans = decode_spans(probabilities, words, text)
    assert spans["cue"] == [find(text, ":")]
    assert spans["content"] == []


def _all_outside(text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The words of `text` as word pieces, each surely outside every role."""
    words = [(m, m + len(w)) for m, w in _words(text)]
    probabilities = np.zeros((len(words), 3, 3), dtype=np.float32)
    probabilities[:, :, OUTSIDE] = 1.0
    return words, probabilities


def _words(text: str) -> list[tuple[int, str]]:
    result, position = [], 0
    for word in text.replace(".", " .").split():
        position = text.index(word, position)
        result.append((position, word))
        position += len(word)
    return result


def test_scorer_exact_trims_quotes_and_overlap_matches_one_to_one() -> None:
    text = '“We stay,” she said, and they said "no".'
    gold = [
        {
            "source": [find(text, "she")],
            "cue": [find(text, "said")],
            "content": [find(text, "“We stay,”")],
        }
    ]
    system = [
        {
            "source": [find(text, "she")],
            "cue": [find(text, "said")],
            "content": [find(text, "We stay,")],
        },
        {
            "source": [find(text, "they")],
            "cue": [(text.rindex("said"), text.rindex("said") + 4)],
            "content": [find(text, '"no"')],
        },
    ]
    scores = score_article(text, gold, system)
    assert trim(text, find(text, "“We stay,”")) == find(text, "We stay,")
    for role in ("source", "cue", "content"):
        assert scores["exact"][role].correct == 1
        assert scores["exact"][role].system == 2 and scores["exact"][role].gold == 1
    assert scores["overlap"]["content"].correct == 1


def test_broken_content_is_joined_but_not_across_cues_or_sentences() -> None:
    text = "Officials said the port would reopen soon and fully. Traders said prices fell."
    broken = [find(text, "the port would"), find(text, "reopen soon and fully")]
    across_sentences = [find(text, "reopen soon and fully"), find(text, "prices fell")]
    across_cue = [find(text, "the port would reopen soon and fully"), find(text, "prices fell")]
    cues = [find(text, "said"), (text.rindex("said"), text.rindex("said") + 4)]
    joined = join_fragments(text, broken, cues)
    assert joined == [(broken[0][0], broken[1][1])]
    assert join_fragments(text, across_sentences, []) == across_sentences
    assert join_fragments(text, across_cue, cues) == across_cue


def test_according_to_before_and_after_the_claim() -> None:
    from newsgraph.attribution.according import according_to_groups
    from newsgraph.nlp import load_nlp

    text = (
        "According to a port official who asked not to be named, the cranes arrived late. "
        "Traffic fell by a third last year, according to the authority."
    )
    doc = load_nlp()(text)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    first, second = according_to_groups(text, doc, sentences)
    assert first.source is not None
    assert text[first.source[0] : first.source[1]] == ("a port official who asked not to be named")
    assert [text[s:e] for s, e in first.content] == ["the cranes arrived late"]
    assert second.source is not None
    assert text[second.source[0] : second.source[1]] == "the authority"
    assert [text[s:e] for s, e in second.content] == ["Traffic fell by a third last year"]


def test_sentence_at_finds_the_holding_sentence_or_none() -> None:
    from newsgraph.attribution.assemble import sentence_at

    sentences = [(0, 10), (11, 20), (22, 30)]
    assert sentence_at(sentences, 0) == (0, 10)
    assert sentence_at(sentences, 11) == (11, 20)
    assert sentence_at(sentences, 19) == (11, 20)
    assert sentence_at(sentences, 10) is None
    assert sentence_at(sentences, 21) is None
    assert sentence_at(sentences, 30) is None
    assert sentence_at([], 3) is None


def test_quotes_run_on_into_later_paragraphs_without_a_new_cue() -> None:
    text = (
        '"We fixed the cables," she said. "Inspectors sign off next week.\n\n'
        '"After that, traffic returns.\n\n'
        '"Trucks wait until summer."\n\n'
        '"Nobody expects miracles," Lind said.\n\n'
        '"Not this year." The council met later.\n\n'
        '"Ask the mayor," Lind said. The council met again.\n\n'
        '"That was not all."\n\n'
        '"Costs doubled," Lind said.\n\n'
        '"Twice the estimate."'
    )
    regions = quoted_regions(text)

    def group(cue_at: str, cue: str, quotes: list[str]) -> Group:
        start = text.index(cue, text.index(cue_at))
        return Group(cue=(start, start + len(cue)), content=[find(text, q) for q in quotes])

    said = group("she said", "said", ['"We fixed the cables,"', '"Inspectors sign off next week.'])
    lind = group("miracles", "said", ['"Nobody expects miracles,"'])
    again = group("Ask the mayor", "said", ['"Ask the mayor,"'])
    costs = group("Costs doubled", "said", ['"Costs doubled,"'])
    continue_quotes(text, [said, lind, again, costs], regions)
    # Left open, a quote reopens in the next paragraph; closed at the end of its paragraph, it
    # goes on in a paragraph that is all quote.
    assert said.content[2:] == [
        find(text, '"After that, traffic returns.'),
        find(text, '"Trucks wait until summer."'),
    ]
    # After "..., Lind said." the next quote is Lind's, but not the quote of a paragraph that
    # goes on with narrative, and not after a paragraph whose narrative moved on.
    assert costs.content[1:] == [find(text, '"Twice the estimate."')]
    assert lind.content[1:] == []
    assert again.content[1:] == []


def test_fragments_are_not_joined_across_a_cue_that_reaches_into_the_gap() -> None:
    text = "The finance chief, Omar Lind, was quoted as saying that costs doubled."
    cue = find(text, "was quoted as saying")
    source = find(text, "The finance chief, Omar Lind,")
    pieces = [find(text, "The finance chief"), find(text, "as"), find(text, "that costs doubled")]
    # "as" lies inside the cue; neither neighbour may be glued to it across the cue or source
    assert join_fragments(text, pieces, [cue, source]) == pieces


def test_tagger_folder_from_the_environment_must_hold_a_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSGRAPH_ATTRIBUTION_MODEL", str(tmp_path))
    with pytest.raises(RuntimeError, match=f"attribution model missing at {tmp_path}"):
        AttributionTagger()


def test_a_colon_lead_in_takes_the_next_paragraph() -> None:
    text = (
        "Lind continued:\n\n"
        '"The bridge opens in May. Tolls stay low," the engineer noted.\n\n'
        "The council said :\n\nNo funds remain this year.\n\n"
        "A transcript follows:\n\nWALLACE: Next question."
    )

    def cue(word: str, content: list[str] | None = None) -> Group:
        return Group(cue=find(text, word), content=[find(text, c) for c in content or []])

    continued, said, follows = cue("continued:"), cue("said"), cue("follows")
    noted = cue("noted", ['"The bridge opens in May. Tolls stay low,"'])
    stray = cue("council", ["No funds remain"])
    speaker = cue("WALLACE:", ["Next question."])
    speaker.cue = (speaker.cue[1] - 1, speaker.cue[1])
    groups = [continued, noted, said, stray, follows, speaker]
    lead_ins(text, groups, quoted_regions(text))
    # the whole paragraph when it is not quoted; a cue outside gives up what it had taken
    assert said.content == [find(text, "No funds remain this year.")]
    assert stray.content == []
    # a paragraph with its own cue, after its quote or as a transcript's speaker line, keeps it
    assert continued.content == []
    assert noted.content == [find(text, '"The bridge opens in May. Tolls stay low,"')]
    assert follows.content == []
    # a quote that opens the next paragraph, with a cue inside it that is nested, is taken
    quoted = 'Lind added:\n\n"We will, as the mayor said, wait."'
    added = Group(cue=find(quoted, "added"))
    nested = Group(cue=find(quoted, "said"))
    lead_ins(quoted, [added, nested], quoted_regions(quoted))
    assert added.content == [find(quoted, '"We will, as the mayor said, wait."')]
