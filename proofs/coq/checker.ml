(* The extracted checker of mesaform: requests on standard input, one a line; one
   answer a line on standard output (docs/coq.md, "The extracted checker").

     run T X F                -> halted STEPS CELLS | out-of-fuel F
     decide R M N             -> holds N | fails T | fails S T
     decide R M all           -> the same, at the small-model deciding length
     deciding-length R M      -> N, that length
     R: inner | order | approximate:P/Q     (eps = P/Q, P >= 0, Q > 0)

   T, X, M, S: bitstrings of 0 and 1, "-" for the empty string; F, N, P, Q: decimal.
   CELLS: the 1 cells of the final tape, in decimal, comma-separated ("-" if none).
   A malformed request is answered "error: ..." and the checker goes on.
   Every computation is the extracted Coq code of mesaform_core.ml; this file only
   converts between text and Coq's types (zarith for the decimal numbers). *)

module C = Mesaform_core

exception Bad of string

let bit_of_char = function
  | '0' -> C.False
  | '1' -> C.True
  | c -> raise (Bad (Printf.sprintf "not a bit: %C" c))

let tm_of_string s : C.tM =
  if s = "-" then C.Nil
  else begin
    let r = ref C.Nil in
    for i = String.length s - 1 downto 0 do r := C.Cons (bit_of_char s.[i], !r) done;
    !r
  end

let string_of_tm (t : C.tM) =
  let b = Buffer.create 16 in
  let rec go = function
    | C.Nil -> ()
    | C.Cons (C.True, r) -> Buffer.add_char b '1'; go r
    | C.Cons (C.False, r) -> Buffer.add_char b '0'; go r
  in
  go t;
  if Buffer.length b = 0 then "-" else Buffer.contents b

let zarith_of_decimal s =
  if s = "" || not (String.for_all (fun c -> c >= '0' && c <= '9') s) then
    raise (Bad (Printf.sprintf "not a decimal number: %S" s));
  Z.of_string s

(* Coq's nat, built by counting down a zarith integer (the caller keeps it small). *)
let nat_of_zarith z =
  let rec go z acc = if Z.equal z Z.zero then acc else go (Z.pred z) (C.S acc) in
  go z C.O

let zarith_of_nat n = let rec go n acc = match n with C.O -> acc | C.S m -> go m (Z.succ acc) in go n Z.zero

let rec positive_of_zarith z =
  if Z.equal z Z.one then C.XH
  else if Z.is_even z then C.XO (positive_of_zarith (Z.shift_right z 1))
  else C.XI (positive_of_zarith (Z.shift_right z 1))

let rec zarith_of_positive = function
  | C.XH -> Z.one
  | C.XO p -> Z.shift_left (zarith_of_positive p) 1
  | C.XI p -> Z.succ (Z.shift_left (zarith_of_positive p) 1)

let z_of_zarith z =
  if Z.equal z Z.zero then C.Z0
  else if Z.gt z Z.zero then C.Zpos (positive_of_zarith z)
  else C.Zneg (positive_of_zarith (Z.neg z))

let zarith_of_z = function
  | C.Z0 -> Z.zero
  | C.Zpos p -> zarith_of_positive p
  | C.Zneg p -> Z.neg (zarith_of_positive p)

let reading_of_string s =
  match s with
  | "inner" -> C.Inner
  | "order" -> C.Order
  | _ ->
      let prefix = "approximate:" in
      let k = String.length prefix in
      if String.length s > k && String.sub s 0 k = prefix then
        match String.split_on_char '/' (String.sub s k (String.length s - k)) with
        | [p; q] ->
            let p = zarith_of_decimal p and q = zarith_of_decimal q in
            if Z.equal q Z.zero then raise (Bad "epsilon has denominator 0");
            C.Approximate { C.qnum = z_of_zarith p; C.qden = positive_of_zarith q }
        | _ -> raise (Bad (Printf.sprintf "not a rational P/Q: %S" s))
      else raise (Bad (Printf.sprintf "not a reading (inner, order, approximate:P/Q): %S" s))

let rec list_to_ocaml = function C.Nil -> [] | C.Cons (x, r) -> x :: list_to_ocaml r

let answer_run t x f =
  match C.run (tm_of_string t) (tm_of_string x) (nat_of_zarith (zarith_of_decimal f)) with
  | C.Halted (steps, tape) ->
      let cells = List.map (fun z -> Z.to_string (zarith_of_z z)) (list_to_ocaml tape) in
      Printf.sprintf "halted %s %s" (Z.to_string (zarith_of_nat steps))
        (if cells = [] then "-" else String.concat "," cells)
  | C.OutOfFuel f -> Printf.sprintf "out-of-fuel %s" (Z.to_string (zarith_of_nat f))

let answer_decide r m n =
  let r = reading_of_string r and m = tm_of_string m in
  let bound = if n = "all" then C.deciding_length r m else nat_of_zarith (zarith_of_decimal n) in
  match C.decide_by_length r m bound with
  | C.None -> Printf.sprintf "holds %s" (Z.to_string (zarith_of_nat bound))
  | C.Some (C.One t) -> Printf.sprintf "fails %s" (string_of_tm t)
  | C.Some (C.Two (s, t)) -> Printf.sprintf "fails %s %s" (string_of_tm s) (string_of_tm t)

let answer line =
  match List.filter (fun w -> w <> "") (String.split_on_char ' ' (String.trim line)) with
  | ["run"; t; x; f] -> answer_run t x f
  | ["decide"; r; m; n] -> answer_decide r m n
  | ["deciding-length"; r; m] ->
      Z.to_string (zarith_of_nat (C.deciding_length (reading_of_string r) (tm_of_string m)))
  | _ -> raise (Bad (Printf.sprintf "not a request: %S" line))

let () =
  try
    while true do
      let line = input_line stdin in
      let reply = try answer line with Bad why -> "error: " ^ why in
      print_string reply;
      print_char '\n';
      flush stdout
    done
  with End_of_file -> ()
