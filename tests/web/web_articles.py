"""Short news-like test articles for the dashboard tests, written for them.

One is hostile: its title and text carry markup and a javascript: link that the
dashboard must show as plain text.
"""

from __future__ import annotations

HOSTILE_TITLE = "<script>alert(1)</script> Rebels <img src=x onerror=alert(1)> attack police"
HOSTILE_LINK = '<a href="javascript:alert(1)">read more</a>'
HOSTILE_TEXT = (
    "Rebels attacked a police station in Kandahar on Monday, officials said. "
    "<script>alert(1)</script> The governor <img src=x onerror=alert(1)> condemned the rebels. "
    f"Witnesses posted {HOSTILE_LINK} online."
)

ARTICLES: tuple[dict[str, str], ...] = (
    {
        "id": "web-russia-china",
        "title": "Russia and China sign energy agreement",
        "url": "https://news.example.org/russia-china",
        "date": "2024-03-05",
        "source": "Example Wire",
        "text": "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing "
        "on Tuesday. Russia signed an energy agreement with China.",
    },
    {
        "id": "web-kenya-somalia",
        "title": "Kenya sends food aid to Somalia",
        "url": "https://news.example.org/kenya-aid",
        "date": "2024-04-12",
        "source": "Example Wire",
        "text": "Kenya sent food aid to Somalia on Friday. The Kenyan government promised "
        "more help for families in Mogadishu.",
    },
    {
        "id": "web-france-iran",
        "title": "France condemns Iran over arrests",
        "url": "https://news.example.org/france-iran",
        "date": "2024-05-08",
        "source": "Example Daily",
        "text": "France condemned Iran on Wednesday over the arrest of two journalists in "
        "Tehran. The French foreign minister demanded their release.",
    },
    {
        "id": "web-israel-gaza",
        "title": "Israeli troops attack militants in Gaza",
        "url": "https://news.example.org/gaza",
        "date": "2024-06-02",
        "source": "Example Daily",
        "text": "Israeli troops attacked Hamas fighters in Gaza City on Sunday, the army said.",
    },
    {
        "id": "web-hostile",
        "title": HOSTILE_TITLE,
        "url": "javascript:alert(1)",
        "date": "2024-06-10",
        "source": "Example Wire",
        "text": HOSTILE_TEXT,
    },
)
