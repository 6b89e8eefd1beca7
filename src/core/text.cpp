// implemented by the parsing helper
#include "core/text.hpp"
