; Gotcha rules (data/rules.json). In each pattern the one capture whose name does not start with '_' is the
; rule code and the node the rule is about; server/features/checks.c adds what a query cannot say (the loop
; body mutates the iterated list, the closure escapes the loop ...) and builds the fix.

; PMM101 mutable default argument: def f(x=[]), {}, set(), list(), dict() ...
(default_parameter
  value: [(list) (dictionary) (set) (list_comprehension) (dictionary_comprehension) (set_comprehension)] @PMM101)
(typed_default_parameter
  value: [(list) (dictionary) (set) (list_comprehension) (dictionary_comprehension) (set_comprehension)] @PMM101)
; (A cheap test of the name's text comes before each #qualname?, which resolves scopes: check's throughput.)
((default_parameter value: (call function: (_) @_f) @PMM101)
  (#match? @_f "(^|[.])(list|dict|set|bytearray|deque|defaultdict|OrderedDict|Counter)$")
  (#qualname? @_f "builtins.list" "builtins.dict" "builtins.set" "builtins.bytearray" "collections.deque"
    "collections.defaultdict" "collections.OrderedDict" "collections.Counter"))
((typed_default_parameter value: (call function: (_) @_f) @PMM101)
  (#match? @_f "(^|[.])(list|dict|set|bytearray|deque|defaultdict|OrderedDict|Counter)$")
  (#qualname? @_f "builtins.list" "builtins.dict" "builtins.set" "builtins.bytearray" "collections.deque"
    "collections.defaultdict" "collections.OrderedDict" "collections.Counter"))

; PMM102 late-binding closure over a loop variable: the closure escapes the loop (checks.c)
(lambda) @PMM102
(for_statement body: (block (function_definition) @PMM102))

; PMM103 `is` / `is not` with a literal
(comparison_operator [(integer) (float) (string) (concatenated_string) (tuple) (unary_operator)]) @PMM103

; PMM104 chained assignment of a mutable: a = b = []
(expression_statement (assignment right: (assignment)) @PMM104)

; PMM105 list mutated while iterating over it
(for_statement right: [(identifier) (attribute)] @PMM105)

; PMM106 mutable class attribute mutated through self
(class_definition body: (block (expression_statement (assignment left: (identifier) right: (_)) @PMM106)))

; PMM107 [[]] * n
(binary_operator left: (list) operator: "*") @PMM107
(binary_operator operator: "*" right: (list)) @PMM107

; PMM108 bare except
(except_clause) @PMM108

; PMM109 raise inside except without from
(raise_statement) @PMM109

; PMM110 try: ... except E: pass
(try_statement) @PMM110

; PMM111 if k in d: v = d[k] else: v = default / try: v = d[k] except KeyError: v = default
(if_statement alternative: (else_clause)) @PMM111
(try_statement (except_clause)) @PMM111

; PMM112 str += inside a loop
(augmented_assignment left: (identifier) operator: "+=") @PMM112

; PMM113 x in some_list inside a loop
(comparison_operator (identifier)) @PMM113

; PMM114 lst.pop(0) / lst.insert(0, x) inside a loop
((call function: (attribute attribute: (identifier) @_m) arguments: (argument_list . (integer) @_zero)) @PMM114
  (#any-of? @_m "pop" "insert") (#eq? @_zero "0"))

; PMM115 for i in range(len(xs)) indexing xs[i]
((for_statement left: (identifier)
   right: (call function: (identifier) @_range
            arguments: (argument_list . (call function: (identifier) @_len arguments: (argument_list . (identifier) .)) .))) @PMM115
  (#eq? @_range "range") (#eq? @_len "len") (#qualname? @_range "builtins.range") (#qualname? @_len "builtins.len"))

; PMM116 type(x) == T
((comparison_operator (call function: (identifier) @_type)) @PMM116 (#eq? @_type "type")
  (#qualname? @_type "builtins.type"))

; PMM117 len(xs) > 0 / == 0 / != 0 in a condition
((comparison_operator (call function: (identifier) @_len)) @PMM117 (#eq? @_len "len")
  (#qualname? @_len "builtins.len"))

; PMM118 sum([...]), any([...]), all([...]), min/max([...])
((call function: (identifier) @_f arguments: (argument_list (list_comprehension) @PMM118))
  (#any-of? @_f "sum" "any" "all" "min" "max")
  (#qualname? @_f "builtins.sum" "builtins.any" "builtins.all" "builtins.min" "builtins.max"))

; PMM119 decorator whose wrapper lacks @wraps(func)
(function_definition body: (block (function_definition) @PMM119))

; PMM120 f = open(...) outside with
((expression_statement (assignment left: (identifier) right: (call function: (identifier) @_open) @PMM120))
  (#eq? @_open "open") (#qualname? @_open "builtins.open"))
((expression_statement (assignment left: (identifier)
   right: (call function: (attribute attribute: (identifier) @_name) @_open) @PMM120))
  (#eq? @_name "open") (#qualname? @_open "io.open"))

; PMM121 time.sleep inside async def
((call function: (identifier) @_f) @PMM121 (#eq? @_f "sleep") (#qualname? @_f "time.sleep"))
((call function: (attribute attribute: (identifier) @_name) @_f) @PMM121 (#eq? @_name "sleep")
  (#qualname? @_f "time.sleep"))

; PMM122 coroutine of this file called without await
(expression_statement (call function: [(identifier) (attribute object: (identifier))]) @PMM122)

; PMM123 __eq__ without __hash__
((class_definition body: (block (function_definition name: (identifier) @_name) @PMM123)) (#eq? @_name "__eq__"))

; PMM124 mutable default in a @dataclass field
(decorated_definition
  definition: (class_definition
    body: (block (expression_statement (assignment left: (identifier) type: (type) right: (_) @PMM124)))))

; PMM125 k in d.keys()
((call function: (attribute attribute: (identifier) @_keys) arguments: (argument_list)) @PMM125
  (#eq? @_keys "keys"))

; PMM126 loop that only appends to a list
(for_statement) @PMM126
