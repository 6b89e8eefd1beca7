// implemented by the parsing helper
#include "core/numbers.hpp"
