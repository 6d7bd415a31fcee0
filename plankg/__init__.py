"""plankg: a knowledge graph of government plans.

The code lives in the top-level folders of the repository (loaders/, graph/,
queries/, api/, viz/) and is installed as subpackages of this namespace.
"""

__version__ = "0.1.0"
