// SPDX-License-Identifier: GPL-2.0
/* The child source built as the module hotup_c1. */
#include "hotup_child.c"
