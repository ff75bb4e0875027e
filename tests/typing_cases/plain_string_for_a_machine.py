# expect: arg-type
from spec.library import code_ones

print(code_ones()("0110"))
