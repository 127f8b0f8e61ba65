"""nordefco: who chairs the Nordic Defence Cooperation, on any date."""

__version__ = "0.2.0"
