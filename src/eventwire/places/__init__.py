"""Places: the shipped GeoNames gazetteer and the geocoder that locates events."""

from collections.abc import Sequence

from spacy.tokens import Doc

from eventwire.places.gazetteer import Gazetteer, Place
from eventwire.places.geocoder import Geocoder, Placement, PlaceMention
from eventwire.records import Document, Event, Mention

__all__ = ["Gazetteer", "Geocoder", "NoGeocoder", "Place", "PlaceMention", "Placement"]


class NoGeocoder:
    """``places.none.v1``: leaves every event's location empty."""

    def locate(
        self, doc: Doc, document: Document, events: Sequence[Event], mentions: Sequence[Mention]
    ) -> tuple[Event, ...]:
        return tuple(events)
