"""mesaform's fast and drawing side: what runs the formalism quickly or shows it.

Main definitions:

- :mod:`mesaform.model.engine` -- the compiled engine, tested against
:mod:`mesaform.spec.interpreter`;
- :mod:`mesaform.model.search` -- the base optimizer over bounded machines;
- :mod:`mesaform.model.world` -- the world-state instance;
- :mod:`mesaform.model.standard_format` -- the bbchallenge text format for tables;
- :mod:`mesaform.model.diagram`, :mod:`mesaform.model.alignment_plot` -- pictures.

``model`` imports ``spec`` and never ``proofs``.
"""
