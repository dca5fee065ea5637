"""Actors: who is who in a document (dictionary, apposition, titles, coreference)."""

from eventwire.actors.dictionary import ActorDictionary, ActorEntry, AgentEntry
from eventwire.actors.recognize import ActorRecognizer

__all__ = ["ActorDictionary", "ActorEntry", "ActorRecognizer", "AgentEntry"]
