; Hover recognisers. In each pattern the capture without a leading '_' names the topic in data/topics.json
; and marks the text the hover is about; '_'-captures are helpers for predicates and rendering:
;   @_construct        the whole construct, whose text titles the hover
;   @_compute.<kind>   a node the hover computes from (server/features/computed.c): decorators, mro,
;                      exception, with, for, fstring
; Among matches at the cursor the smallest topic node wins, then a sure match over a hedged one, then the
; earlier pattern: specific patterns come first.

; =====================================================================================================
; 4. Mutability and 15. Gotchas
; =====================================================================================================

(default_parameter value: [(list) (dictionary) (set)] @gotcha.mutable-default)
(typed_default_parameter value: [(list) (dictionary) (set)] @gotcha.mutable-default)
((default_parameter value: (call function: (identifier) @gotcha.mutable-default))
 (#any-of? @gotcha.mutable-default "list" "dict" "set"))

((binary_operator left: (list (list)) operator: "*" @mutability.list-multiply) @_construct)
((binary_operator left: (list (dictionary)) operator: "*" @mutability.list-multiply) @_construct)
((binary_operator left: (list (binary_operator left: (list) operator: "*")) operator: "*" @mutability.list-multiply)
 @_construct)

(assignment left: (identifier) right: (assignment right: [(list) (dictionary) (set)] @gotcha.chained-assignment))

((assignment left: (identifier) @_alias right: (identifier) @mutability.aliasing) @_construct
 (#sure-type? @mutability.aliasing "list" "dict" "set"))

((for_statement
   right: (identifier) @_items
   body: (block (expression_statement (call function: (attribute object: (identifier) @_same
                                                                   attribute: (identifier) @gotcha.modify-while-iterating)))))
 (#eq? @_items @_same) (#any-of? @gotcha.modify-while-iterating "remove" "append" "insert" "pop")
 (#type? @_items "list"))
((for_statement
   right: (identifier) @_items
   body: (block (if_statement consequence: (block (expression_statement
     (call function: (attribute object: (identifier) @_same attribute: (identifier) @gotcha.modify-while-iterating)))))))
 (#eq? @_items @_same) (#any-of? @gotcha.modify-while-iterating "remove" "append" "insert" "pop")
 (#type? @_items "list"))

((for_statement
   left: (identifier) @_var
   body: (block (expression_statement (call arguments: (argument_list (lambda body: (identifier) @_use) @gotcha.late-binding)))))
 (#eq? @_var @_use))

((class_definition body: (block (expression_statement (assignment left: (identifier) @gotcha.class-attribute right: [(list) (dictionary) (set)]))))
 (#not-eq? @gotcha.class-attribute "__slots__"))

((comparison_operator (integer) "is" @gotcha.is-literal) @_construct)
((comparison_operator ["is" "is not"] @gotcha.is-literal (integer)) @_construct)
((comparison_operator (string) "is" @gotcha.is-string) @_construct)
((comparison_operator ["is" "is not"] @gotcha.is-string (string)) @_construct)

(function_definition body: (block [(import_statement) (import_from_statement)] @gotcha.local-import))

((call function: (identifier) @_f arguments: (argument_list . (list_comprehension) @perf.generator-argument .))
 (#qualname? @_f "builtins.sum" "builtins.any" "builtins.all" "builtins.min" "builtins.max"))

((delete_statement (subscript value: (_) @_recv) @dict.del)
 (#sure-type? @_recv "dict" "defaultdict" "Counter" "OrderedDict"))

((keyword_argument name: (identifier) @oop.dataclass-option) @_kw
 (#any-of? @oop.dataclass-option "frozen" "order" "default_factory" "slots" "kw_only"))

((function_definition
   body: (block (function_definition name: (identifier) @_inner) (return_statement (identifier) @decorator.template)))
 (#eq? @_inner @decorator.template))
((function_definition
   body: (block (decorated_definition definition: (function_definition name: (identifier) @_inner))
                (return_statement (identifier) @decorator.template)))
 (#eq? @_inner @decorator.template))

((call function: (identifier) @mutability.matrix) (#qualname? @mutability.matrix "builtins.hash" "builtins.bytearray"))

; =====================================================================================================
; 3. Data structures — list (the receiver's type picks the table; unknown receivers are hedged)
; =====================================================================================================

((call
   function: (attribute object: (_) @_recv attribute: (identifier) @list.pop-front)
   arguments: (argument_list . (integer) @_index .)) @_construct
 (#eq? @list.pop-front "pop") (#eq? @_index "0") (#type? @_recv "list"))

((call
   function: (attribute object: (_) @_recv attribute: (identifier) @list.pop-end)
   arguments: (argument_list) @_args) @_construct
 (#eq? @list.pop-end "pop") (#eq? @_args "()") (#type? @_recv "list"))

((call
   function: (attribute object: (_) @_recv attribute: (identifier) @list.pop-index)
   arguments: (argument_list . (_) .)) @_construct
 (#eq? @list.pop-index "pop") (#type? @_recv "list"))

((call
   function: (attribute object: (_) @_recv attribute: (identifier) @list.insert-front)
   arguments: (argument_list . (integer) @_index)) @_construct
 (#eq? @list.insert-front "insert") (#eq? @_index "0") (#type? @_recv "list"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @list.append)) @_construct
 (#eq? @list.append "append") (#type? @_recv "list"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @list.insert)) @_construct
 (#eq? @list.insert "insert") (#type? @_recv "list"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @list.sort)) @_construct
 (#eq? @list.sort "sort") (#type? @_recv "list"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @list.search-method)) @_construct
 (#any-of? @list.search-method "index" "count" "remove") (#type? @_recv "list"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @list.extend)) @_construct
 (#eq? @list.extend "extend") (#type? @_recv "list"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @list.method)) @_construct
 (#any-of? @list.method "reverse" "clear") (#type? @_recv "list"))

; copies: x[:] and x.copy()
((subscript value: (_) @_recv subscript: (slice) @_slice) @copy.slice
 (#eq? @_slice ":") (#type? @_recv "list"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @copy.method)) @_construct
 (#eq? @copy.method "copy") (#type? @_recv "list" "dict" "set"))

((subscript value: (_) @_recv subscript: (slice)) @list.slice
 (#type? @_recv "list"))

; d[k] and xs[i]: the receiver's type picks the row
((subscript value: (_) @_recv subscript: (_) @_key) @dict.subscript
 (#not-match? @_key "^-?[0-9]+$") (#sure-type? @_recv "dict" "defaultdict" "Counter" "OrderedDict" "ChainMap"))

((subscript value: (_) @_recv subscript: (_) @_key) @list.index
 (#not-match? @_key "^[rbfuRBFU]*[\"']") (#type? @_recv "list"))

((subscript value: (_) @_recv subscript: (_)) @dict.subscript
 (#type? @_recv "dict" "defaultdict" "Counter" "OrderedDict" "ChainMap"))

((list) @list.literal)
((call function: (identifier) @list.constructor) (#qualname? @list.constructor "builtins.list"))

; =====================================================================================================
; deque, Counter, OrderedDict (before dict and set: their methods share names)
; =====================================================================================================

((call function: (attribute object: (_) @_recv attribute: (identifier) @deque.popleft)) @_construct
 (#eq? @deque.popleft "popleft") (#type? @_recv "deque"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @deque.appendleft)) @_construct
 (#eq? @deque.appendleft "appendleft") (#type? @_recv "deque"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @deque.rotate)) @_construct
 (#eq? @deque.rotate "rotate") (#type? @_recv "deque"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @deque.end)) @_construct
 (#any-of? @deque.end "append" "pop" "extend" "extendleft") (#sure-type? @_recv "deque"))

((attribute object: (_) @_recv attribute: (identifier) @deque.maxlen)
 (#eq? @deque.maxlen "maxlen") (#sure-type? @_recv "deque"))

((keyword_argument name: (identifier) @deque.maxlen) @_kw
 (#eq? @deque.maxlen "maxlen"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @counter.most-common)) @_construct
 (#eq? @counter.most-common "most_common") (#type? @_recv "Counter"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @ordereddict.move-to-end)) @_construct
 (#eq? @ordereddict.move-to-end "move_to_end") (#type? @_recv "OrderedDict"))

([(identifier) (attribute)] @deque.class (#qualname? @deque.class "collections.deque" "typing.Deque"))
([(identifier) (attribute)] @counter.class (#qualname? @counter.class "collections.Counter" "typing.Counter"))
([(identifier) (attribute)] @defaultdict.class
 (#qualname? @defaultdict.class "collections.defaultdict" "typing.DefaultDict"))
([(identifier) (attribute)] @ordereddict.class
 (#qualname? @ordereddict.class "collections.OrderedDict" "typing.OrderedDict"))
([(identifier) (attribute)] @chainmap.class (#qualname? @chainmap.class "collections.ChainMap" "typing.ChainMap"))
([(identifier) (attribute)] @namedtuple.class (#qualname? @namedtuple.class "collections.namedtuple"))
([(identifier) (attribute)] @typing.namedtuple (#qualname? @typing.namedtuple "typing.NamedTuple"))

; =====================================================================================================
; dict
; =====================================================================================================

((call function: (attribute object: (_) @_recv attribute: (identifier) @dict.get)) @_construct
 (#eq? @dict.get "get") (#type? @_recv "dict" "defaultdict" "Counter" "OrderedDict" "ChainMap"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @dict.setdefault)) @_construct
 (#eq? @dict.setdefault "setdefault") (#type? @_recv "dict" "defaultdict" "OrderedDict"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @dict.pop)) @_construct
 (#any-of? @dict.pop "pop" "popitem") (#sure-type? @_recv "dict" "defaultdict" "Counter" "OrderedDict"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @dict.views)) @_construct
 (#any-of? @dict.views "keys" "values" "items") (#type? @_recv "dict" "defaultdict" "Counter" "OrderedDict"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @dict.update)) @_construct
 (#eq? @dict.update "update") (#type? @_recv "dict" "defaultdict" "Counter" "OrderedDict"))


((binary_operator left: (_) @_left operator: "|" @dict.merge) @_construct
 (#sure-type? @_left "dict"))

((augmented_assignment left: (_) @_left operator: "|=" @dict.merge) @_construct
 (#sure-type? @_left "dict"))

((dictionary (dictionary_splat)) @unpack.merge-dicts)
((dictionary) @dict.literal)
((call function: (identifier) @dict.constructor) (#qualname? @dict.constructor "builtins.dict"))

; =====================================================================================================
; set
; =====================================================================================================

((call function: (attribute object: (_) @_recv attribute: (identifier) @set.add)) @_construct
 (#eq? @set.add "add") (#type? @_recv "set"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @set.remove)) @_construct
 (#any-of? @set.remove "remove" "discard") (#sure-type? @_recv "set"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @set.remove)) @_construct
 (#eq? @set.remove "discard") (#type? @_recv "set"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @set.union)) @_construct
 (#eq? @set.union "union") (#type? @_recv "set" "frozenset"))

((call function: (attribute object: (_) @_recv attribute: (identifier) @set.intersection)) @_construct
 (#eq? @set.intersection "intersection") (#type? @_recv "set" "frozenset"))

((binary_operator left: (_) @_left operator: "|" @set.union) @_construct (#sure-type? @_left "set" "frozenset"))
((binary_operator left: (_) @_left operator: "&" @set.intersection) @_construct
 (#sure-type? @_left "set" "frozenset"))
((binary_operator left: (_) @_left operator: ["-" "^"] @set.difference) @_construct
 (#sure-type? @_left "set" "frozenset"))
((binary_operator operator: "|" @set.union right: (_) @_right) @_construct (#sure-type? @_right "set" "frozenset"))
((binary_operator operator: "&" @set.intersection right: (_) @_right) @_construct
 (#sure-type? @_right "set" "frozenset"))

((set) @set.literal)
((call function: (identifier) @set.constructor) (#qualname? @set.constructor "builtins.set"))
((call function: (identifier) @frozenset.constructor) (#qualname? @frozenset.constructor "builtins.frozenset"))

; membership: the receiver's type picks the table; unknown reads as a list, hedged
((comparison_operator "in" @list.contains (_) @_recv) @_construct (#type? @_recv "list"))
((comparison_operator "not in" @list.contains (_) @_recv) @_construct (#type? @_recv "list"))
((comparison_operator "in" @set.contains (_) @_recv) @_construct (#type? @_recv "set" "frozenset"))
((comparison_operator "not in" @set.contains (_) @_recv) @_construct (#type? @_recv "set" "frozenset"))
((comparison_operator "in" @dict.contains (_) @_recv) @_construct
 (#type? @_recv "dict" "defaultdict" "Counter" "OrderedDict" "ChainMap"))
((comparison_operator "not in" @dict.contains (_) @_recv) @_construct
 (#type? @_recv "dict" "defaultdict" "Counter" "OrderedDict" "ChainMap"))

; =====================================================================================================
; tuple
; =====================================================================================================

((tuple (list)) @mutability.tuple-of-lists)
((tuple) @tuple.literal)
((call function: (identifier) @tuple.constructor) (#qualname? @tuple.constructor "builtins.tuple"))

; =====================================================================================================
; 1. Object model
; =====================================================================================================

((comparison_operator "is" @is) @_construct)
((comparison_operator "is not" @is) @_construct)
((call function: (identifier) @builtin.id) (#qualname? @builtin.id "builtins.id"))
((call function: (identifier) @builtin.type) (#qualname? @builtin.type "builtins.type"))
((call function: (identifier) @builtin.isinstance) (#qualname? @builtin.isinstance "builtins.isinstance" "builtins.issubclass"))
((identifier) @builtin.object (#qualname? @builtin.object "builtins.object"))
((call function: (identifier) @builtin.super) (#qualname? @builtin.super "builtins.super"))
((attribute attribute: (identifier) @dunder.mro) (#any-of? @dunder.mro "__mro__" "mro"))
((call function: (identifier) @builtin.getattr) (#qualname? @builtin.getattr "builtins.getattr" "builtins.hasattr" "builtins.setattr"))
((binary_operator left: [(true) (false)] @object.bool-arithmetic))
((binary_operator right: [(true) (false)] @object.bool-arithmetic))

; =====================================================================================================
; 2. Memory
; =====================================================================================================

((delete_statement "del" @memory.del))
([(identifier) (attribute)] @memory.getrefcount (#qualname? @memory.getrefcount "sys.getrefcount"))
([(identifier) (attribute)] @memory.gc (#qualname? @memory.gc "gc" "gc.*"))
([(identifier) (attribute)] @memory.intern (#qualname? @memory.intern "sys.intern"))
([(identifier) (attribute)] @copy.deepcopy (#qualname? @copy.deepcopy "copy.deepcopy"))
([(identifier) (attribute)] @copy.copy (#qualname? @copy.copy "copy.copy"))

; =====================================================================================================
; 5. Functions and closures
; =====================================================================================================

(function_definition body: (block (function_definition "def" @function.closure)))
(function_definition body: (block (decorated_definition definition: (function_definition "def" @function.closure))))
((lambda) @function.lambda)
((nonlocal_statement) @scope.nonlocal)
((global_statement) @scope.global)
(parameters (list_splat_pattern) @function.args)
(parameters (typed_parameter (list_splat_pattern)) @function.args)
(parameters (dictionary_splat_pattern) @function.kwargs)
(parameters (typed_parameter (dictionary_splat_pattern)) @function.kwargs)
(parameters (positional_separator) @function.positional-only)
(parameters (keyword_separator) @function.keyword-only)
(parameters (default_parameter) @function.default)
(parameters (typed_default_parameter) @function.default)
(argument_list (list_splat) @unpack.call)
(argument_list (dictionary_splat) @unpack.call)
(argument_list (keyword_argument name: (identifier) @function.keyword-argument))
((return_statement (identifier) @function.first-class) (#sure-type? @function.first-class "function"))
((assignment right: (identifier) @function.first-class) (#sure-type? @function.first-class "function"))
((argument_list (identifier) @function.first-class) (#sure-type? @function.first-class "function"))

; =====================================================================================================
; 6. Decorators
; =====================================================================================================

((decorated_definition (decorator (identifier) @decorator.wraps)) @_compute.decorators
 (#qualname? @decorator.wraps "functools.wraps"))
((decorated_definition (decorator (call function: [(identifier) (attribute)] @decorator.wraps))) @_compute.decorators
 (#qualname? @decorator.wraps "functools.wraps"))
((decorated_definition (decorator [(identifier) (attribute)] @decorator.cache)) @_compute.decorators
 (#qualname? @decorator.cache "functools.lru_cache" "functools.cache" "functools.cached_property"))
((decorated_definition (decorator (call function: [(identifier) (attribute)] @decorator.cache))) @_compute.decorators
 (#qualname? @decorator.cache "functools.lru_cache" "functools.cache"))
((decorated_definition (decorator (identifier) @oop.property)) @_compute.decorators
 (#qualname? @oop.property "builtins.property"))
((decorated_definition (decorator (attribute attribute: (identifier) @oop.property)))
 (#any-of? @oop.property "setter" "getter" "deleter"))
((decorated_definition (decorator (identifier) @oop.classmethod)) (#qualname? @oop.classmethod "builtins.classmethod"))
((decorated_definition (decorator (identifier) @oop.staticmethod)) (#qualname? @oop.staticmethod "builtins.staticmethod"))
((decorated_definition (decorator [(identifier) (attribute)] @oop.dataclass)) @_compute.decorators
 (#qualname? @oop.dataclass "dataclasses.dataclass"))
((decorated_definition (decorator (call function: [(identifier) (attribute)] @oop.dataclass))) @_compute.decorators
 (#qualname? @oop.dataclass "dataclasses.dataclass"))
((decorated_definition (decorator [(identifier) (attribute)] @oop.abstractmethod))
 (#qualname? @oop.abstractmethod "abc.abstractmethod"))
((decorated_definition (decorator [(identifier) (attribute)] @contextlib.contextmanager)) @_compute.decorators
 (#qualname? @contextlib.contextmanager "contextlib.contextmanager" "contextlib.asynccontextmanager"))
((decorated_definition (decorator [(identifier) (attribute)] @typing.overload))
 (#qualname? @typing.overload "typing.overload"))
((decorated_definition (decorator) @decorator.stacked (decorator)) @_compute.decorators)
((decorated_definition (decorator) (decorator) @decorator.stacked) @_compute.decorators)
((decorated_definition (decorator (call) @decorator.with-arguments)) @_compute.decorators)
((decorated_definition (decorator) @decorator) @_compute.decorators)
; a function that defines a wrapper and returns it: the decorator template

; =====================================================================================================
; 7. Object-oriented Python
; =====================================================================================================

((class_definition name: (identifier) @exception.custom
   superclasses: (argument_list . (identifier) @_base .)) @_compute.mro
 (#match? @_base "(Error|Exception)$"))
((class_definition name: (identifier) @oop.abc superclasses: (argument_list (_) @_base)) @_compute.mro
 (#qualname? @_base "abc.ABC"))
((class_definition name: (identifier) @typing.protocol superclasses: (argument_list (_) @_base)) @_compute.mro
 (#qualname? @_base "typing.Protocol"))
((class_definition name: (identifier) @typing.typeddict superclasses: (argument_list (_) @_base)) @_compute.mro
 (#qualname? @_base "typing.TypedDict"))
((class_definition name: (identifier) @typing.generic superclasses: (argument_list (subscript value: (_) @_base)))
 @_compute.mro (#qualname? @_base "typing.Generic"))
((class_definition name: (identifier) @oop.inheritance superclasses: (argument_list)) @_compute.mro)
((class_definition "class" @oop.class) @_compute.mro)
((class_definition name: (identifier) @oop.class) @_compute.mro)

((function_definition name: (identifier) @oop.init) (#eq? @oop.init "__init__"))
((function_definition name: (identifier) @dunder.repr) (#any-of? @dunder.repr "__repr__" "__str__" "__format__"))
((function_definition name: (identifier) @dunder.compare)
 (#any-of? @dunder.compare "__eq__" "__ne__" "__lt__" "__le__" "__gt__" "__ge__"))
((function_definition name: (identifier) @dunder.arithmetic)
 (#match? @dunder.arithmetic "^__(i|r)?(add|sub|mul|matmul|truediv|floordiv|mod|pow|neg|pos|abs|and|or|xor|lshift|rshift|divmod|invert)__$"))
((function_definition name: (identifier) @dunder.container)
 (#any-of? @dunder.container "__len__" "__getitem__" "__setitem__" "__delitem__" "__contains__" "__reversed__" "__missing__"))
((function_definition name: (identifier) @dunder.call) (#eq? @dunder.call "__call__"))
((function_definition name: (identifier) @dunder.attribute)
 (#any-of? @dunder.attribute "__getattr__" "__setattr__" "__delattr__" "__getattribute__"))
((function_definition name: (identifier) @dunder.hash) (#any-of? @dunder.hash "__hash__" "__bool__"))
((function_definition name: (identifier) @iterator.dunder) (#any-of? @iterator.dunder "__iter__" "__next__"))
((function_definition name: (identifier) @context.dunder) (#any-of? @context.dunder "__enter__" "__exit__"))
((function_definition name: (identifier) @asyncio.context-dunder) (#any-of? @asyncio.context-dunder "__aenter__" "__aexit__"))
((function_definition name: (identifier) @asyncio.iterator-dunder) (#any-of? @asyncio.iterator-dunder "__aiter__" "__anext__"))
((function_definition name: (identifier) @oop.post-init) (#eq? @oop.post-init "__post_init__"))
((function_definition name: (identifier) @dunder.other) (#match? @dunder.other "^__[a-z0-9_]+__$"))

((assignment left: (identifier) @internals.slots) (#eq? @internals.slots "__slots__"))
((attribute attribute: (identifier) @internals.dict) (#eq? @internals.dict "__dict__"))
((attribute attribute: (identifier) @internals.code) (#any-of? @internals.code "__code__" "co_code" "co_varnames" "co_consts"))
((attribute attribute: (identifier) @function.closure-cells) (#eq? @function.closure-cells "__closure__"))
(class_definition body: (block (expression_statement (assignment left: (identifier) @oop.class-attribute))))
((function_definition name: (identifier) @_init
   body: (block (expression_statement (assignment left: (attribute object: (identifier) @_self) @oop.instance-attribute))))
 (#eq? @_init "__init__") (#eq? @_self "self"))
([(identifier) (attribute)] @oop.dataclass-field (#qualname? @oop.dataclass-field "dataclasses.field"))
([(identifier) (attribute)] @oop.abc-name (#qualname? @oop.abc-name "abc.ABC" "abc.ABCMeta"))

; =====================================================================================================
; 8. Iterators and generators
; =====================================================================================================

((for_statement "async" @asyncio.async-for) @_compute.for)
((for_statement "for" @iterator.for) @_compute.for)
((for_statement "in" @iterator.for) @_compute.for)
((call function: (identifier) @iterator.iter-next) (#qualname? @iterator.iter-next "builtins.iter" "builtins.next"))
((raise_statement (identifier) @iterator.stop) (#qualname? @iterator.stop "builtins.StopIteration"))
((raise_statement (call function: (identifier) @iterator.stop)) (#qualname? @iterator.stop "builtins.StopIteration"))
((function_definition "async" body: (block (expression_statement (yield "yield" @asyncio.async-generator)))))
((yield "yield" @generator.yield-from "from") @_construct)
((yield "from" @generator.yield-from) @_construct)
((assignment right: (yield "yield" @generator.send)) @_construct)
((yield "yield" @generator.yield) @_construct)
((generator_expression (for_in_clause) (for_in_clause)) @comprehension.nested)
((list_comprehension (for_in_clause) (for_in_clause)) @comprehension.nested)
((generator_expression) @generator.expression)
([(identifier) (attribute)] @itertools.infinite (#qualname? @itertools.infinite "itertools.count" "itertools.cycle" "itertools.repeat"))
([(identifier) (attribute)] @itertools.chain (#qualname? @itertools.chain "itertools.chain" "itertools.chain.from_iterable"))
([(identifier) (attribute)] @itertools.islice (#qualname? @itertools.islice "itertools.islice"))
([(identifier) (attribute)] @itertools.groupby (#qualname? @itertools.groupby "itertools.groupby"))
([(identifier) (attribute)] @itertools.combinatorics
 (#qualname? @itertools.combinatorics "itertools.combinations" "itertools.permutations" "itertools.combinations_with_replacement"))
([(identifier) (attribute)] @itertools.product (#qualname? @itertools.product "itertools.product"))
([(identifier) (attribute)] @itertools.accumulate (#qualname? @itertools.accumulate "itertools.accumulate"))
([(identifier) (attribute)] @idiom.zip (#qualname? @idiom.zip "itertools.zip_longest" "builtins.zip"))
([(identifier) (attribute)] @itertools.other (#qualname? @itertools.other "itertools.*"))

; =====================================================================================================
; 9. Context managers
; =====================================================================================================

((with_statement "async" @asyncio.async-with) @_compute.with)
((with_statement "with" @context.with-multiple (with_clause (with_item) (with_item))) @_compute.with)
((with_statement "with" @context.with) @_compute.with)
([(identifier) (attribute)] @contextlib.suppress (#qualname? @contextlib.suppress "contextlib.suppress"))
([(identifier) (attribute)] @contextlib.redirect (#qualname? @contextlib.redirect "contextlib.redirect_stdout" "contextlib.redirect_stderr"))
([(identifier) (attribute)] @contextlib.exitstack (#qualname? @contextlib.exitstack "contextlib.ExitStack" "contextlib.AsyncExitStack"))
([(identifier) (attribute)] @contextlib.closing (#qualname? @contextlib.closing "contextlib.closing" "contextlib.aclosing"))
([(identifier) (attribute)] @contextlib.nullcontext (#qualname? @contextlib.nullcontext "contextlib.nullcontext"))
([(identifier) (attribute)] @contextlib.other (#qualname? @contextlib.other "contextlib.*"))

; =====================================================================================================
; 10. Exceptions
; =====================================================================================================

((raise_statement "from" @exception.suppress-context (none)) @_construct)
((raise_statement "from" @exception.chaining) @_construct)
((raise_statement "raise" @exception.reraise .) @_construct)
((except_clause "except" @exception.bare . ":"))
((except_clause "except" @exception.multiple [(tuple) (as_pattern (tuple))]))
((try_statement (else_clause "else" @exception.else-finally)))
((finally_clause "finally" @exception.else-finally))
((except_clause "except" @exception.try))
((try_statement "try" @exception.try))
((identifier) @exception.builtin @_compute.exception
 (#qualname? @exception.builtin "builtins.*Error" "builtins.*Exception" "builtins.*Warning" "builtins.StopIteration"
  "builtins.StopAsyncIteration" "builtins.KeyboardInterrupt" "builtins.SystemExit" "builtins.GeneratorExit"
  "builtins.ExceptionGroup" "builtins.BaseExceptionGroup"))

; =====================================================================================================
; 11. Concurrency
; =====================================================================================================

([(identifier) (attribute)] @threading.thread (#qualname? @threading.thread "threading.Thread"))
([(identifier) (attribute)] @threading.lock
 (#qualname? @threading.lock "threading.Lock" "threading.RLock" "threading.Semaphore" "threading.BoundedSemaphore"
  "threading.Event" "threading.Condition" "threading.Barrier"))
([(identifier) (attribute)] @threading.pool (#qualname? @threading.pool "concurrent.futures.ThreadPoolExecutor"))
([(identifier) (attribute)] @multiprocessing.pool (#qualname? @multiprocessing.pool "concurrent.futures.ProcessPoolExecutor"))
([(identifier) (attribute)] @multiprocessing.process (#qualname? @multiprocessing.process "multiprocessing.Process"))
([(identifier) (attribute)] @multiprocessing.shared
 (#qualname? @multiprocessing.shared "multiprocessing.Queue" "multiprocessing.Value" "multiprocessing.Array"
  "multiprocessing.Pipe" "multiprocessing.Manager"))
([(identifier) (attribute)] @concurrency.choice (#qualname? @concurrency.choice "multiprocessing.Pool" "multiprocessing.cpu_count"))
([(identifier) (attribute)] @concurrency.futures (#qualname? @concurrency.futures "concurrent.futures.*" "concurrent.futures"))
([(identifier) (attribute)] @threading.other (#qualname? @threading.other "threading.*" "_thread.*"))
([(identifier) (attribute)] @multiprocessing.other (#qualname? @multiprocessing.other "multiprocessing.*"))
([(identifier) (attribute)] @asyncio.run (#qualname? @asyncio.run "asyncio.run"))
([(identifier) (attribute)] @asyncio.gather
 (#qualname? @asyncio.gather "asyncio.gather" "asyncio.create_task" "asyncio.wait" "asyncio.TaskGroup" "asyncio.as_completed"))
([(identifier) (attribute)] @asyncio.sleep (#qualname? @asyncio.sleep "asyncio.sleep"))
([(identifier) (attribute)] @asyncio.other (#qualname? @asyncio.other "asyncio.*"))
((function_definition "async" @asyncio.async-def))
((await "await" @asyncio.await) @_construct)
([(identifier) (attribute)] @internals.gil (#qualname? @internals.gil "sys.setswitchinterval" "sys.getswitchinterval" "sys._is_gil_enabled"))

; =====================================================================================================
; 12. Internals
; =====================================================================================================

([(identifier) (attribute)] @internals.dis (#qualname? @internals.dis "dis" "dis.*"))
([(identifier) (attribute)] @internals.getsizeof (#qualname? @internals.getsizeof "sys.getsizeof"))

; =====================================================================================================
; 13. Pythonic patterns
; =====================================================================================================

((list_comprehension) @comprehension.list)
((dictionary_comprehension) @comprehension.dict)
((set_comprehension) @comprehension.set)
((assignment left: (pattern_list (list_splat_pattern)) @unpack.star))
((assignment left: (list_pattern (list_splat_pattern)) @unpack.star))
((assignment left: (pattern_list (tuple_pattern)) @unpack.nested))
((assignment left: (pattern_list . (identifier) @_a . (identifier) @_b .) right: (expression_list . (identifier) @_c . (identifier) @_d .)) @unpack.swap
 (#eq? @_a @_d) (#eq? @_b @_c))
((assignment left: (pattern_list (identifier) @unpack.ignore)) (#eq? @unpack.ignore "_"))
((assignment left: (pattern_list) @unpack.basic))
((call function: (identifier) @idiom.enumerate) (#qualname? @idiom.enumerate "builtins.enumerate"))
((call function: (identifier) @idiom.any-all) (#qualname? @idiom.any-all "builtins.any" "builtins.all"))
((conditional_expression "if" @idiom.ternary) @_construct)
((conditional_expression "else" @idiom.ternary) @_construct)
((comparison_operator (_) . ["<" "<=" ">" ">=" "==" "!="] . (_) . ["<" "<=" ">" ">=" "==" "!="] @idiom.chained-comparison) @_construct)
((comparison_operator (_) . ["<" "<=" ">" ">=" "==" "!="] @idiom.chained-comparison . (_) . ["<" "<=" ">" ">=" "==" "!="]) @_construct)
((comparison_operator (call function: (identifier) @idiom.truthiness) ["==" "!=" ">"] (integer) @_zero) @_construct
 (#qualname? @idiom.truthiness "builtins.len") (#eq? @_zero "0"))
((interpolation format_specifier: (format_specifier) @fstring.spec) @_compute.fstring @_construct)
((interpolation "=" @fstring.debug) @_compute.fstring @_construct)
((interpolation) @fstring.interpolation @_compute.fstring)
((string (string_start) @fstring.literal) (#match? @fstring.literal "^[rRbB]?[fF]"))

; =====================================================================================================
; 14. Typing
; =====================================================================================================

([(identifier) (attribute)] @typing.optional (#qualname? @typing.optional "typing.Optional"))
([(identifier) (attribute)] @typing.union (#qualname? @typing.union "typing.Union"))
((union_type) @typing.union-operator)
((type (binary_operator operator: "|" @typing.union-operator)))
([(identifier) (attribute)] @typing.callable (#qualname? @typing.callable "typing.Callable" "collections.abc.Callable"))
([(identifier) (attribute)] @typing.any (#qualname? @typing.any "typing.Any"))
([(identifier) (attribute)] @typing.typevar (#qualname? @typing.typevar "typing.TypeVar" "typing.ParamSpec" "typing.TypeVarTuple"))
([(identifier) (attribute)] @typing.generic-name (#qualname? @typing.generic-name "typing.Generic"))
([(identifier) (attribute)] @typing.literal (#qualname? @typing.literal "typing.Literal"))
([(identifier) (attribute)] @typing.final (#qualname? @typing.final "typing.Final" "typing.final"))
([(identifier) (attribute)] @typing.typeddict-name (#qualname? @typing.typeddict-name "typing.TypedDict"))
([(identifier) (attribute)] @typing.protocol-name (#qualname? @typing.protocol-name "typing.Protocol" "typing.runtime_checkable"))
([(identifier) (attribute)] @typing.cast (#qualname? @typing.cast "typing.cast"))
([(identifier) (attribute)] @typing.overload-name (#qualname? @typing.overload-name "typing.overload"))
([(identifier) (attribute)] @typing.reveal (#qualname? @typing.reveal "typing.reveal_type" "typing.assert_type"))
((identifier) @typing.reveal (#eq? @typing.reveal "reveal_type"))
([(identifier) (attribute)] @typing.collections
 (#qualname? @typing.collections "typing.List" "typing.Dict" "typing.Set" "typing.Tuple" "typing.FrozenSet"))
((comment) @typing.ignore (#match? @typing.ignore "type: *ignore"))
((function_definition return_type: (type) @typing.basic))
((typed_parameter type: (type (identifier) @typing.basic)))
((assignment type: (type (identifier) @typing.basic)))

; =====================================================================================================
; 16. Performance and 17. Quick reference
; =====================================================================================================

([(identifier) (attribute)] @perf.timing (#qualname? @perf.timing "time.perf_counter" "time.perf_counter_ns" "timeit.*" "timeit"))
([(identifier) (attribute)] @perf.cprofile (#qualname? @perf.cprofile "cProfile" "cProfile.*" "profile.*" "pstats.*"))
([(identifier) (attribute)] @perf.numpy (#qualname? @perf.numpy "numpy" "numpy.*"))
((call function: (attribute object: (string) attribute: (identifier) @perf.join)) @_construct (#eq? @perf.join "join"))
((for_statement body: (block (expression_statement (augmented_assignment left: (identifier) @_s operator: "+=" @perf.string-concat))))
 (#sure-type? @_s "str"))
((call function: (identifier) @perf.builtins) (#qualname? @perf.builtins "builtins.sum" "builtins.min" "builtins.max"))
((call function: (identifier) @list.sorted) (#qualname? @list.sorted "builtins.sorted"))
((call function: (identifier) @quickref.conversion) (#qualname? @quickref.conversion "builtins.int" "builtins.float" "builtins.str" "builtins.bool"))
((call function: (identifier) @quickref.functions)
 (#qualname? @quickref.functions "builtins.len" "builtins.range" "builtins.map" "builtins.filter" "builtins.reversed"
  "builtins.abs" "builtins.round" "builtins.pow" "builtins.divmod"))
((call function: (identifier) @quickref.file-io) (#qualname? @quickref.file-io "builtins.open"))
((call function: (attribute object: (_) @_recv attribute: (identifier) @quickref.string-methods)) @_construct
 (#any-of? @quickref.string-methods "strip" "lstrip" "rstrip" "split" "rsplit" "join" "replace" "find" "rfind"
  "startswith" "endswith" "upper" "lower" "isdigit" "isalpha" "format")
 (#type? @_recv "str"))
(import_statement name: (dotted_name) @quickref.import
 (#any-of? @quickref.import "os" "sys" "json" "re" "datetime" "collections" "itertools" "functools" "pathlib" "logging"
  "unittest" "typing" "dataclasses" "contextlib" "concurrent.futures" "asyncio" "copy" "random" "math" "statistics"
  "hashlib" "pickle" "sqlite3" "urllib" "http" "socket" "threading" "multiprocessing"))
(import_statement name: (aliased_import name: (dotted_name) @quickref.import)
 (#any-of? @quickref.import "os" "sys" "json" "re" "datetime" "collections" "itertools" "functools" "pathlib" "logging"
  "unittest" "typing" "dataclasses" "contextlib" "concurrent.futures" "asyncio" "copy" "random" "math" "statistics"
  "hashlib" "pickle" "sqlite3" "urllib" "http" "socket" "threading" "multiprocessing"))
