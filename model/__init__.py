"""mesaform's fast and drawing side: what runs the formalism quickly or shows it.

Main definitions:

- :mod:`model.engine` -- the compiled engine, tested against :mod:`spec.interpreter`;
- :mod:`model.search` -- the base optimizer over bounded machines;
- :mod:`model.world` -- the world-state instance;
- :mod:`model.standard_format` -- the bbchallenge text format for tables;
- :mod:`model.diagram`, :mod:`model.alignment_plot` -- pictures.

``model`` imports ``spec`` and never ``proofs``.
"""
