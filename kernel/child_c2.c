// SPDX-License-Identifier: GPL-2.0
/* The child source built as the module hotup_c2. */
#include "hotup_child.c"
