// implemented by the parsing helper
#include "core/mesh.hpp"
