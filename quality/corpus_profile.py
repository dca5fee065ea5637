"""What the coder does to a real corpus, by the numbers issue 3 asks for.

Codes the first ``--limit`` articles of a corpus (JSONL, optionally gzipped) and
prints, as JSON: the distribution of CAMEO roots, the share of 01x statements,
events whose source and target are the same actor (allowed only for non-state
armed factions, which fight each other), the share of role actors with no
country, and ingest errors. A release note quotes these figures; run it after
any coder change:

    .venv/bin/python quality/corpus_profile.py ../shared/corpus/allsides_political.jsonl.gz \
        --limit 2000 --workers 2
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import Counter
from pathlib import Path

from eventwire.countries import TRANSNATIONAL_PREFIXES
from eventwire.events.rules import ARMED_SECTORS
from eventwire.ingest.readers import read_inputs
from eventwire.parallel import ParallelPipeline
from eventwire.pipeline import Pipeline
from eventwire.records import CodedDocument, Event, IngestError, RawArticle


def self_directed(event: Event) -> bool:
    """Same code on both sides, except factions of one armed movement."""
    target = event.target
    if target is None or target.code != event.source.code:
        return False
    return not (ARMED_SECTORS & set(event.source.sectors) or event.source.code.startswith("IMG"))


def profile(coded: list[CodedDocument | IngestError], seconds: float) -> dict[str, object]:
    events = [e for c in coded if isinstance(c, CodedDocument) for e in c.events]
    roots = Counter(e.type.root for e in events)
    actors = [a for e in events for a in (e.source, e.target) if a is not None]
    total = len(events) or 1
    return {
        "articles": sum(isinstance(c, CodedDocument) for c in coded),
        "errors": Counter(c.reason for c in coded if isinstance(c, IngestError)),
        "events": len(events),
        "roots": {root: roots[root] for root in sorted(roots)},
        "root_share": {root: round(roots[root] / total, 4) for root in sorted(roots)},
        "statement_01x_share": round(roots["01"] / total, 4),
        "code_010": sum(e.type.cameo == "010" for e in events),
        "self_directed": sum(self_directed(e) for e in events),
        "actors_without_country": round(
            sum(a.country is None and a.code[:3] not in TRANSNATIONAL_PREFIXES for a in actors)
            / (len(actors) or 1),
            4,
        ),
        "placed_by_place": sum(a.resolved_by == "place" for a in actors),
        "seconds": round(seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    items = itertools.islice(read_inputs([str(args.corpus)]), args.limit)
    articles = [i for i in items if isinstance(i, RawArticle)]
    started = time.perf_counter()
    if args.workers > 1:
        with ParallelPipeline(workers=args.workers) as pipeline:
            coded = list(pipeline.code_articles(articles))
    else:
        coded = list(Pipeline().code_articles(articles))
    json.dump(profile(coded, time.perf_counter() - started), sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
