"""Short news-like articles written for the API tests (not from any corpus)."""

from __future__ import annotations

import datetime as dt

from eventwire.records import RawArticle

HOSTILE_TITLE = '<script>alert("t")</script> Talks <img src=x onerror=alert(1)>'

ARTICLES: tuple[RawArticle, ...] = (
    RawArticle(
        id="api-moscow-talks",
        origin="test",
        url="https://news.example/moscow-talks",
        outlet="Example Wire",
        title="Leaders meet in Moscow",
        published=dt.date(2021, 3, 10),
        text=(
            "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow "
            "on Tuesday.\n\nThe two leaders signed an agreement on energy trade.\n\n"
            "Russia praised China for its support."
        ),
    ),
    RawArticle(
        id="api-kyiv-strikes",
        origin="test",
        url="https://news.example/kyiv-strikes",
        outlet="Example Wire",
        title="Strikes near Kyiv",
        published=dt.date(2022, 4, 2),
        text=(
            "Russian forces shelled the outskirts of Kyiv on Friday, Ukrainian officials "
            "said.\n\nUkraine accused Russia of attacking civilians.\n\n"
            "The United States condemned the attack and imposed sanctions on Russia."
        ),
    ),
    RawArticle(
        id="api-paris-aid",
        origin="test",
        url="https://news.example/paris-aid",
        outlet="Daily Example",
        title="France pledges aid",
        published=dt.date(2020, 11, 20),
        text=(
            "France promised humanitarian aid to Lebanon on Thursday.\n\n"
            "French President Emmanuel Macron visited Beirut and met Lebanese leaders.\n\n"
            "Germany also offered help to Lebanon."
        ),
    ),
    RawArticle(
        id="api-hostile",
        origin="test",
        url="https://news.example/hostile",
        outlet="Daily Example",
        title=HOSTILE_TITLE,
        published=dt.date(2021, 7, 1),
        text=(
            'Iran criticized Israel on Monday. <script>alert("x")</script> '
            '<a href="javascript:alert(1)">link</a>\n\n'
            "Israel threatened Iran with military action."
        ),
    ),
    RawArticle(
        id="api-delhi-visit",
        origin="test",
        url="https://news.example/delhi-visit",
        outlet="Example Wire",
        title="Visit to New Delhi",
        published=dt.date(2021, 3, 25),
        text=(
            "Japanese Prime Minister Yoshihide Suga visited New Delhi on Wednesday.\n\n"
            "India and Japan agreed to cooperate on defense.\n\n"
            "Pakistan criticized India over Kashmir."
        ),
    ),
)

NEW_ARTICLES: tuple[dict[str, str], ...] = (
    {
        "text": "Turkey accused Greece of violating its airspace on Monday.\n\n"
        "Greece rejected the accusation.",
        "title": "Airspace row",
        "url": "https://news.example/airspace",
        "published": "2021-05-03",
        "outlet": "Example Wire",
    },
    {
        "text": "Egypt hosted talks between Israel and Hamas in Cairo on Sunday.\n\n"
        "Qatar praised Egypt for its mediation.",
        "title": "Cairo talks",
        "url": "https://news.example/cairo",
        "published": "2021-05-23",
        "outlet": "Daily Example",
    },
)
