// implemented by the parsing helper
#include "core/years.hpp"
