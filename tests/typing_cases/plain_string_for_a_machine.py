# expect: arg-type
from mesaform.spec.library import code_ones

print(code_ones()("0110"))
