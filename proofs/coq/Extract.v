(** * The extracted checker: [run] and the decider, extracted to OCaml.

    Extracts [Run.run], [Decider.decide_by_length] (equal to [Decider.decide] by
    [Decider.decide_by_length_eq], with one length's machines in memory at a time) and
    [Decider.deciding_length] with Coq's own types (no type is mapped to an OCaml
    one: [nat], [Z], [Q] and lists are extracted as the inductive types they are),
    into [mesaform_core.ml]. [checker.ml] reads requests in a line format and writes
    the answers (docs/coq.md#the-extracted-checker); [make coq] compiles both with
    [ocamlfind ocamlopt -package zarith] into [mesaform-checker]. *)

From Coq Require Import Extraction.
From Mesaform Require Import Machines Programs Run Objectives Decider.

Extraction Language OCaml.
Extraction "mesaform_core.ml" run decide_by_length deciding_length.
