"""Persuasion techniques: spans of the body tagged with the PTC taxonomy (issue 5).

``analyzer.py`` registers ``persuasion.techniques.v1``; ``annotations.py`` the
``techniques`` layer; ``model.py`` the two shipped models (span tagger and
technique classifier, NumPy inference); ``train.py`` rebuilds them;
``evaluation.py`` holds the SemEval-2020 Task 11 scorers.
"""
