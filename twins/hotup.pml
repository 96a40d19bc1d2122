/*
 * hotup's composed system, hand-written in Promela for SPIN.
 * (Long on purpose: SPIN compiles one model file; splitting it into includes
 * would hide the step order the twin must mirror.)
 *
 * Same variables as the XState machines (one per component field that can
 * change), same atomic steps (one d_step per environment event: everything it
 * causes, in the same FIFO order, as the system's run-to-completion step), the
 * same faults, the same monitors and INV-* as assertions, and the MUT-* as
 * compile-time switches. twins/README.md maps every step to the model's.
 *
 * Topology (defaults: claims-1-9): -DN=<netdevs> -DM=<children>, -DBINDING=<the
 * child of N_i in bits 2i..2i+1>, -DXOR for balance-xor, -DPRIMARY=<i>,
 * -DRESELECT=0|1|2 (always|better|failure), -DDOWNDELAY, -DUPDELAY, -DFLOWS.
 * Faults: -DF_PROBE -DF_NOTIFY -DF_RESTART -DF_USER -DF_FORCED -DF_PARENT.
 * Rounds: -DROUNDS=<n> runs of the tool per boot (default 1), -DROUNDS_UNBOUNDED.
 * Mutants: -DMUT_PRIOR_ART -DMUT_NO_TAKEOVER -DMUT_NO_LINK_CLOSE -DMUT_NO_DRAIN
 *          -DMUT_NO_WAIT_FAILOVER -DMUT_PARALLEL_UPGRADE -DMUT_EARLY_NOTIFY
 *          -DMUT_NO_REOPEN -DMUT_CONFIG_LOST -DMUT_IGNORE_PROBE_FAIL
 *          -DMUT_SKIP_CHILD -DMUT_WRONG_CHILD -DMUT_SUBDEV_ON_PCI
 */

#ifndef N
#define N 2
#endif
#ifndef M
#define M 2
#endif
#ifndef BINDING
#define BINDING 4          /* claims-1-9: N1 -> C1, N2 -> C2 */
#endif
/* the child binding sub-device S_i: two bits per netdev of BINDING */
#define OWNER(i) ((BINDING >> (2 * (i))) & 3)
#ifndef PRIMARY
#define PRIMARY NONE
#endif
#ifndef RESELECT
#define RESELECT 0
#endif
#ifndef DOWNDELAY
#define DOWNDELAY 0
#endif
#ifndef UPDELAY
#define UPDELAY 0
#endif
#ifndef FLOWS
#define FLOWS 1
#endif

#define NONE 255
#define PARENT 255
#define TARGET 2           /* the first round's version; a later round's is 1, 2 or 3 */
#ifndef ROUNDS
#define ROUNDS 1
#endif
#define NOCFG 8
#define DEFAULT_CFG 4     /* mtu 1500, mac #0, admin up */
#define MTU9000 1
#define MACBIT 2
#define ADMINUP 4
#define up_(c) (((c) & ADMINUP) != 0)

/* parent */
#define P_UNBOUND 0
#define P_BOUND 1
#define P_REMOVED 2
/* child module */
#define C_UNLOADED 0
#define C_LOADING 1
#define C_LOADED 2
#define C_REMOVING 3
#define C_DRAINING 4
#define C_FREEING 5
#define C_INSERTING 6   /* taken in by finit_module(), its init not yet run */
/* sub-device as its child sees it */
#define S_UNBOUND 0
#define S_BOUND 1
#define S_FAILED 2
#define S_GONE 3
/* slave link in the bond */
#define L_UP 0
#define L_FAIL 1
#define L_DOWN 2
#define L_BACK 3
/* tool */
#define T_IDLE 0
#define T_SELECTING 1
#define T_WAIT_UNLOAD 2
#define T_READY_LOAD 3
#define T_WAIT_NOTIFY 4
#define T_DONE 5
#define T_STOPPED 6
/* tool reports */
#define R_NONE 0
#define R_PARENT_GONE 1
#define R_NOT_BOUND 10     /* + child */
#define R_NO_NOTIFY 20     /* + child */
#define R_UNLOADED 30      /* + child */
/* faults (bit order of src/system/faults.ts) */
#define FB_PROBE 1
#define FB_NOTIFY 2
#define FB_RESTART 4
#define FB_USER 8
#define FB_FORCED 16
#define FB_PARENT 32

/* parent driver */
byte pstate = P_UNBOUND;
byte nextIfindex = 2;
/* child drivers */
byte cstate[M];
byte cver[M];
byte sstat[N];      /* status of S_i in its child OWNER(i) */
byte prog[N];       /* what OWNER(i) programmed for N_i */
/* netdevs */
bool reg[N];
byte ifx[N];
byte cfg[N];
bool car[N];
byte ops[N];
/* bond */
bool ensl[N];
byte lnk[N];
byte dly[N];
bool ctx[N];
byte actv = NONE;
byte primary = PRIMARY;
byte resel = RESELECT;
bool fprim;              /* force_primary */
/* tool */
byte tstate = T_IDLE;
byte tcur = NONE;
byte inbox = NONE;
byte report = R_NONE;
byte ttarget = TARGET;   /* the version of this round */
byte treload;            /* bit k: child k was at the target when this round began and is still to be reloaded */
/* traffic: at most one transmit in flight */
bool ifl;
byte iflNetdev;
byte iflHolder;
byte iflFlow;
/* faults that happened */
byte faults;
/* monitors */
byte expcfg[N];
bool notified[M];
#ifdef UCHANGES
byte uchg;               /* user changes taken: at most UCHANGES per run (hotup check --user-changes) */
#define UOK (uchg < UCHANGES)
#define UTAKE uchg++
#else
#define UOK true
#define UTAKE skip
#endif
#ifdef ROUNDS_UNBOUNDED
#define ROK true
#define RTAKE skip
#else
byte reruns;             /* the tool's runs after the first: at most ROUNDS-1 per boot (hotup check --rounds) */
#define ROK (reruns < ROUNDS - 1)
#define RTAKE reruns++
#endif
bool downByTool[M];

/* scratch, not part of the state: hidden, or (breadth-first and multi-core
   search forbid hidden variables) zeroed after every step so it adds no states */
#if defined(BFS_SEARCH) || defined(MULTICORE)
#define SCRATCH byte
#else
#define SCRATCH hidden byte
#endif
SCRATCH i_, j_, k_, best_, mind_, cnt_, sl_;
SCRATCH b_, re_, wasOrch_, can_, ign_;
SCRATCH leaving_[N];   /* 1 = in the failOver set */

inline clear_scratch() {
  i_ = 0; j_ = 0; k_ = 0; best_ = 0; mind_ = 0; cnt_ = 0; sl_ = 0;
  b_ = 0; re_ = 0; wasOrch_ = 0; can_ = 0; ign_ = 0;
  for (i_ : 0 .. N-1) { leaving_[i_] = 0 }
  i_ = 0
}

#define orchestrating (tstate == T_SELECTING || tstate == T_WAIT_UNLOAD || tstate == T_READY_LOAD || tstate == T_WAIT_NOTIFY)
#define isUp(i) (ensl[i] && lnk[i] == L_UP)
#define polled(i) (reg[i] && car[i] && up_(cfg[i]))
#define codePresent(k) (cstate[k] != C_UNLOADED)
#define inUnloading(k) (cstate[k] >= C_REMOVING && cstate[k] <= C_FREEING)

/* ---------- bond (machines/bond-logic.ts) ---------- */

inline bond_select() {
  /* bond_find_best_slave(): primary (forced, or by primary_reselect) or current,
     else the first UP slave, else the BACK slave with less than updelay left */
  best_ = NONE;
  if
  :: (primary != NONE && isUp(primary)) ->
     if
     :: fprim -> best_ = primary; fprim = false
     :: !fprim && actv != NONE && isUp(actv) && resel != 0 -> best_ = actv
     :: else -> best_ = primary
     fi
  :: else ->
     if
     :: (actv != NONE && isUp(actv)) -> best_ = actv
     :: else -> skip
     fi
  fi;
  if
  :: best_ == NONE ->
     mind_ = UPDELAY;
     for (i_ : 0 .. N-1) {
       if :: best_ == NONE && ensl[i_] && lnk[i_] == L_UP -> best_ = i_ :: else -> skip fi
     }
     if
     :: best_ == NONE ->
        for (i_ : 0 .. N-1) {
          if
          :: ensl[i_] && lnk[i_] == L_BACK && ctx[i_] && dly[i_] < mind_ -> mind_ = dly[i_]; best_ = i_
          :: else -> skip
          fi
        }
     :: else -> skip
     fi
  :: else -> skip
  fi;
  if
  :: best_ != actv ->
     if
     :: best_ != NONE && lnk[best_] == L_BACK -> lnk[best_] = L_UP; dly[best_] = 0
     :: else -> skip
     fi;
     actv = best_
  :: else -> skip
  fi
}

inline bond_miimon() {
  re_ = false;
  ign_ = (actv == NONE);   /* ignore_updelay: with no active slave the first to come back skips updelay */
  for (i_ : 0 .. N-1) {
    if
    :: ensl[i_] ->
       b_ = polled(i_);
       if
       :: lnk[i_] == L_UP && !b_ ->
          if
          :: DOWNDELAY == 0 -> if :: actv == i_ -> re_ = true :: else -> skip fi; lnk[i_] = L_DOWN; dly[i_] = 0
          :: else -> lnk[i_] = L_FAIL; dly[i_] = DOWNDELAY - 1
          fi
       :: lnk[i_] == L_FAIL ->
          if
          :: b_ -> if :: (actv == NONE || primary == i_) -> re_ = true :: else -> skip fi; lnk[i_] = L_UP; dly[i_] = 0
          :: !b_ && dly[i_] == 0 -> if :: actv == i_ -> re_ = true :: else -> skip fi; lnk[i_] = L_DOWN; dly[i_] = 0
          :: !b_ && dly[i_] > 0 -> dly[i_]--
          fi
       :: lnk[i_] == L_DOWN && b_ ->
          if
          :: UPDELAY == 0 || ign_ -> if :: (actv == NONE || primary == i_) -> re_ = true :: else -> skip fi; lnk[i_] = L_UP; dly[i_] = 0; ign_ = false
          :: else -> lnk[i_] = L_BACK; dly[i_] = UPDELAY - 1
          fi
       :: lnk[i_] == L_BACK ->
          if
          :: !b_ -> lnk[i_] = L_DOWN; dly[i_] = 0
          :: b_ && (dly[i_] == 0 || ign_) -> if :: (actv == NONE || primary == i_) -> re_ = true :: else -> skip fi; lnk[i_] = L_UP; dly[i_] = 0; ign_ = false
          :: b_ && dly[i_] > 0 && !ign_ -> dly[i_]--
          fi
       :: else -> skip
       fi
    :: else -> skip
    fi
  }
  if :: re_ -> bond_select() :: else -> skip fi
}

inline bond_release(s) {
  ensl[s] = false; lnk[s] = L_DOWN; dly[s] = 0; ctx[s] = false;
  if :: actv == s -> actv = NONE; bond_select() :: else -> skip fi
}

inline bond_failover() {
#ifdef XOR
  skip
#else
  /* failOverFrom(): move the active slave off the leaving ones, to the primary if it qualifies;
     the new active slave must be up with carrier (bond_slave_is_up()), or the kernel refuses it */
  if
  :: actv != NONE && leaving_[actv] ->
     if
     :: primary != NONE && !leaving_[primary] && isUp(primary) && ctx[primary] -> actv = primary
     :: else ->
        best_ = NONE;
        for (i_ : 0 .. N-1) {
          if :: best_ == NONE && !leaving_[i_] && isUp(i_) && ctx[i_] -> best_ = i_ :: else -> skip fi
        }
        if :: best_ != NONE -> actv = best_ :: else -> skip fi
     fi
  :: else -> skip
  fi
#endif
}

/* ---------- netdev (machines/netdev.ts) ---------- */

inline netdev_carrier(i, on) {
  if
  :: reg[i] ->
     if :: (car[i] && up_(cfg[i])) != (on && up_(cfg[i])) -> ctx[i] = (on && up_(cfg[i])) :: else -> skip fi;
     car[i] = on
  :: else -> skip
  fi
}

inline child_program(i, c, probe) {
#ifdef MUT_CONFIG_LOST
  if :: probe -> prog[i] = DEFAULT_CFG :: else -> prog[i] = c fi
#else
  prog[i] = c
#endif
}

inline netdev_setops(i, h) {
  if
  :: reg[i] -> ops[i] = h; if :: h != PARENT -> child_program(i, cfg[i], true) :: else -> skip fi
  :: else -> skip
  fi
}

inline netdev_unregister(i) {
  if
  :: reg[i] -> bond_release(i); reg[i] = false; ifx[i] = 0; car[i] = false; ops[i] = PARENT
  :: else -> skip
  fi
}

inline netdev_register(i, ifindex) {
  if
  :: !reg[i] -> reg[i] = true; ifx[i] = ifindex; cfg[i] = DEFAULT_CFG; car[i] = false; ops[i] = PARENT
  :: else -> skip
  fi
}

inline user_config(i, newcfg) {
  if
  :: reg[i] ->
     if :: (car[i] && up_(cfg[i])) != (car[i] && up_(newcfg)) -> ctx[i] = (car[i] && up_(newcfg)) :: else -> skip fi;
     cfg[i] = newcfg;
     if :: ops[i] != PARENT -> child_program(i, cfg[i], false) :: else -> skip fi;
     expcfg[i] = cfg[i]
  :: else -> skip
  fi;
  faults = faults | FB_USER
}

/* ---------- parent (machines/parent.ts) ---------- */

inline parent_prepare_remove() {
#ifndef MUT_NO_WAIT_FAILOVER
  if :: pstate == P_BOUND -> bond_failover() :: else -> skip fi
#else
  skip
#endif
}

inline parent_takeover(i) {
  if
  :: pstate == P_BOUND ->
#ifdef MUT_PRIOR_ART
     netdev_unregister(i)
#else
#ifndef MUT_NO_LINK_CLOSE
     netdev_carrier(i, false);
#endif
#ifndef MUT_NO_TAKEOVER
     netdev_setops(i, PARENT);
#endif
     skip
#endif
  :: else -> skip
  fi
}

inline parent_attach(k, i, open) {
  if
  :: pstate == P_BOUND ->
#ifdef MUT_PRIOR_ART
     netdev_register(i, nextIfindex);
     nextIfindex++;
#endif
#ifdef MUT_WRONG_CHILD
     /* MUT-WRONG-CHILD: the next child's tables, not those of the child that bound S_i */
     netdev_setops(i, (k + 1) % M);
#else
     netdev_setops(i, k);
#endif
#ifdef MUT_SUBDEV_ON_PCI
     /* MUT-SUBDEV-ON-PCI: S_i, which k has just matched, is presented on the physical bus: INV-BUS */
     assert(false);
#endif
#ifndef MUT_NO_REOPEN
     if :: open -> netdev_carrier(i, true) :: else -> skip fi;
#endif
     skip
  :: else -> skip
  fi
}

/* the tool hears the notification only while it waits for this child's */
inline tool_notification(k) {
  if :: tstate == T_WAIT_NOTIFY && tcur == k -> inbox = k :: else -> skip fi
}

inline parent_load_complete(k) {
  if
  :: pstate == P_BOUND ->
#ifndef MUT_NO_REOPEN
     for (j_ : 0 .. N-1) { if :: OWNER(j_) == k && sstat[j_] == S_BOUND -> netdev_carrier(j_, true) :: else -> skip fi }
#endif
     /* INV-NOTIFY: one notification per successful load, after every sub-device matched */
     assert(!notified[k]);
     for (j_ : 0 .. N-1) { assert(OWNER(j_) != k || sstat[j_] == S_BOUND) }
     notified[k] = true;
     tool_notification(k)
  :: else -> skip
  fi
}

/* ---------- child (machines/child.ts) ---------- */

#define boundCount(k, c) c = 0; for (j_ : 0 .. N-1) { if :: OWNER(j_) == k && sstat[j_] == S_BOUND -> c++ :: else -> skip fi }

inline child_after_probe(k) {
  /* the `always` of state loading: probing done -> loaded, complete when all matched */
  b_ = true; re_ = true;
  for (j_ : 0 .. N-1) {
    if
    :: OWNER(j_) == k && sstat[j_] == S_UNBOUND -> b_ = false
    :: OWNER(j_) == k && sstat[j_] != S_BOUND -> re_ = false
    :: else -> skip
    fi
  }
  if
  :: b_ ->
     cstate[k] = C_LOADED;
#ifndef MUT_EARLY_NOTIFY
     if :: re_ -> parent_load_complete(k) :: else -> skip fi
#endif
     skip
  :: else -> skip
  fi
}

/* the tool's insmod: finit_module() takes the module in; its init runs in a later kernel step */
inline child_insmod(k) {
  cstate[k] = C_INSERTING; cver[k] = ttarget
}

/* the module's init: registers the driver, which probes the sub-devices present now */
inline child_load(k) {
  cstate[k] = C_LOADING;
  for (j_ : 0 .. N-1) {
    if :: OWNER(j_) == k -> sstat[j_] = (pstate == P_BOUND -> S_UNBOUND : S_GONE); prog[j_] = NOCFG :: else -> skip fi
  }
  notified[k] = false;
  child_after_probe(k)
}

inline child_rmmod(k) {
  cstate[k] = C_REMOVING;
  for (j_ : 0 .. N-1) { leaving_[j_] = (OWNER(j_) == k && sstat[j_] == S_BOUND) }
  parent_prepare_remove();
  boundCount(k, cnt_);
  if :: cnt_ == 0 -> cstate[k] = C_DRAINING :: else -> skip fi
}

/* ---------- the tool (machines/tool.ts) ---------- */

#define childDown(k) (cstate[k] == C_UNLOADED)
#define childBusy(k) (cstate[k] == C_INSERTING || cstate[k] == C_LOADING || inUnloading(k))
#define allBound(k, b) b = true; for (j_ : 0 .. N-1) { if :: OWNER(j_) == k && sstat[j_] != S_BOUND -> b = false :: else -> skip fi }
#define anyFailed(k, b) b = false; for (j_ : 0 .. N-1) { if :: OWNER(j_) == k && sstat[j_] == S_FAILED -> b = true :: else -> skip fi }
#define toReload(k) ((treload & (1 << (k))) != 0)
/* a loaded child this round still has to upgrade: at another version, or one it reloads at the same */
#define pending(k) (cstate[k] == C_LOADED && (cver[k] != ttarget || toReload(k)))
/* a loaded child this round upgraded (or found at the target) that did not bind every sub-device (b: allBound) */
#define failedLoad(k, b) (cstate[k] == C_LOADED && cver[k] == ttarget && !toReload(k) && !(b))

/* the user runs the tool again from done or stopped: a new round to version v */
inline tool_rerun(v) {
  ttarget = v; treload = 0;
  for (k_ : 0 .. M-1) { if :: cstate[k_] == C_LOADED && cver[k_] == v -> treload = treload | (1 << k_) :: else -> skip fi }
  tstate = T_SELECTING; tcur = NONE; inbox = NONE; report = R_NONE
}

inline bond_settled(b) {
  b = true;
  for (i_ : 0 .. N-1) {
    if :: ensl[i_] && !((polled(i_) && lnk[i_] == L_UP) || (!polled(i_) && lnk[i_] == L_DOWN)) -> b = false :: else -> skip fi
  }
}

/* ---------- invariants (properties/) checked after every step ---------- */

inline check_invariants() {
  for (i_ : 0 .. N-1) {
    k_ = OWNER(i_);
    /* INV-NETDEV-PERSIST */
    assert(pstate != P_BOUND || (reg[i_] && ifx[i_] == 2 + i_));
    /* INV-OPS-ROUTE */
    assert(!reg[i_] || ((codePresent(k_) && sstat[i_] == S_BOUND) == (ops[i_] == k_)));
    /* INV-NO-FREED-CODE */
    assert(ops[i_] == PARENT || codePresent(ops[i_]));
    /* INV-LINK-CLOSED */
    assert(pstate != P_BOUND || !reg[i_] || (codePresent(k_) && sstat[i_] == S_BOUND) || !car[i_]);
    /* INV-CONFIG-KEPT */
    assert(pstate != P_BOUND || !reg[i_] || (cfg[i_] == expcfg[i_] &&
           (!(ops[i_] == k_ && codePresent(k_) && sstat[i_] == S_BOUND) || prog[i_] == cfg[i_])))
  }
  assert(!ifl || codePresent(iflHolder));
  /* INV-BOND-UP, excused by a forced unload or a parent removal */
  if
  :: orchestrating && (faults & (FB_FORCED | FB_PARENT)) == 0 ->
     b_ = false;
     for (i_ : 0 .. N-1) { if :: ensl[i_] && car[i_] && codePresent(OWNER(i_)) && sstat[i_] == S_BOUND -> b_ = true :: else -> skip fi }
     assert(b_)
  :: else -> skip
  fi;
  /* INV-ONE-DOWN */
  cnt_ = 0;
  for (k_ : 0 .. M-1) { if :: downByTool[k_] -> cnt_++ :: else -> skip fi }
  assert(cnt_ <= 1);
  /* LIVE-UPGRADE-DONE, the part a state shows: a tool done with no fault left every child loaded at the target, every sub-device matched */
  if
  :: tstate == T_DONE && faults == 0 ->
     for (k_ : 0 .. M-1) { assert(cstate[k_] == C_LOADED && cver[k_] == ttarget) }
     for (i_ : 0 .. N-1) { assert(sstat[i_] == S_BOUND) }
  :: else -> skip
  fi
}

inline one_down_monitor() {
  for (k_ : 0 .. M-1) { downByTool[k_] = downByTool[k_] && cstate[k_] != C_LOADED }
}

inline drop() {
  /* INV-NO-LOSS: no drop during an orchestrated upgrade with no faults */
  assert(!(wasOrch_ || orchestrating) || faults != 0)
}

/* ---------- environment events, one d_step each ---------- */

#define STEP(guard, body) :: d_step { guard -> wasOrch_ = orchestrating; body; one_down_monitor(); check_invariants(); clear_scratch() }

inline probe(k, i, ok) {
  sstat[i] = (ok -> S_BOUND : S_FAILED);
  if :: ok -> parent_attach(k, i, false) :: else -> skip fi;
#ifdef MUT_EARLY_NOTIFY
  boundCount(k, cnt_);
  if :: ok && cnt_ == 1 -> parent_load_complete(k) :: else -> skip fi;
#endif
  if :: !ok -> faults = faults | FB_PROBE :: else -> skip fi;
  child_after_probe(k)
}

/* the next unbound sub-device of child k in bus order, or NONE */
#define nextProbe(k, s) s = NONE; for (j_ : 0 .. N-1) { if :: s == NONE && OWNER(j_) == k && sstat[j_] == S_UNBOUND -> s = j_ :: else -> skip fi }
#define hasNextProbe(k) (cstate[k] == C_LOADING)

/* remove() of sub-device i: the driver core removes a driver's devices in any order */
inline child_remove(k, i) {
  parent_takeover(i);
  sstat[i] = S_UNBOUND;
  boundCount(k, cnt_);
  if :: cnt_ == 0 -> cstate[k] = C_DRAINING :: else -> skip fi
}

inline child_free(k) {
  cstate[k] = C_UNLOADED;
  if :: tstate == T_WAIT_UNLOAD && tcur == k -> tstate = T_READY_LOAD :: else -> skip fi;
  for (j_ : 0 .. N-1) { if :: OWNER(j_) == k -> prog[j_] = NOCFG :: else -> skip fi }
}

inline child_unbind(k, i) {
  sstat[i] = S_UNBOUND;
  for (j_ : 0 .. N-1) { leaving_[j_] = (j_ == i) }
  parent_prepare_remove();
  parent_takeover(i);
  faults = faults | FB_FORCED
}

inline child_bind(k, i) {
  sstat[i] = S_BOUND;
  parent_attach(k, i, true);
  /* a load whose probe failed completes when the last sub-device is bound in sysfs */
  allBound(k, b_);
  if :: b_ && !notified[k] -> parent_load_complete(k) :: else -> skip fi;
  faults = faults | FB_FORCED
}

#ifdef MUT_PARALLEL_UPGRADE
#define AFTER_INSMOD T_SELECTING
#else
#define AFTER_INSMOD T_WAIT_NOTIFY
#endif

#define callsIn(k) (ifl && iflHolder == k)
#ifdef MUT_NO_DRAIN
#define canDrain(k) true
#else
#define canDrain(k) (!callsIn(k))
#endif

#define CHILD(k) \
  STEP(cstate[k] == C_INSERTING, child_load(k)) \
  STEP(hasNextProbe(k), nextProbe(k, sl_); probe(k, sl_, true)) \
  REMOVE(k, 0) REMOVE(k, 1) REMOVE_MORE(k) \
  STEP(cstate[k] == C_DRAINING && canDrain(k), cstate[k] = C_FREEING) \
  STEP(cstate[k] == C_FREEING, child_free(k)) \
  CHILD_PROBE_FAIL(k) CHILD_FORCED(k)

#define REMOVE(k, i) STEP(i < N && OWNER(i) == k && cstate[k] == C_REMOVING && sstat[i] == S_BOUND, child_remove(k, i))
#if N > 2
#define REMOVE_MORE(k) REMOVE(k, 2)
#else
#define REMOVE_MORE(k)
#endif

#ifdef F_PROBE
#define CHILD_PROBE_FAIL(k) STEP(hasNextProbe(k), nextProbe(k, sl_); probe(k, sl_, false))
#else
#define CHILD_PROBE_FAIL(k)
#endif

#ifdef F_FORCED
#define CHILD_FORCED(k) \
  STEP(cstate[k] == C_LOADED, child_rmmod(k); faults = faults | FB_FORCED) \
  SUBDEV_FORCED(k, 0) SUBDEV_FORCED(k, 1) SUBDEV_FORCED_MORE(k)
#define SUBDEV_FORCED(k, i) \
  STEP(i < N && OWNER(i) == k && cstate[k] == C_LOADED && sstat[i] == S_BOUND, child_unbind(k, i)) \
  STEP(i < N && OWNER(i) == k && cstate[k] == C_LOADED && pstate == P_BOUND && (sstat[i] == S_UNBOUND || sstat[i] == S_FAILED), child_bind(k, i))
#if N > 2
#define SUBDEV_FORCED_MORE(k) SUBDEV_FORCED(k, 2)
#else
#define SUBDEV_FORCED_MORE(k)
#endif
#else
#define CHILD_FORCED(k)
#endif

/* tool.step in `selecting`: the first branch whose guard holds (machines/tool.ts) */
inline tool_select() {
  b_ = false;
  if
  :: pstate != P_BOUND -> tstate = T_STOPPED; report = R_PARENT_GONE; b_ = true
  :: else -> skip
  fi;
  if
  :: !b_ ->
     sl_ = NONE;
     for (k_ : 0 .. M-1) { if :: sl_ == NONE && childDown(k_) -> sl_ = k_ :: else -> skip fi }
     if
     :: sl_ != NONE ->
        tcur = sl_; treload = treload & ~(1 << sl_); child_insmod(sl_);
#ifndef MUT_PARALLEL_UPGRADE
        tstate = T_WAIT_NOTIFY;
#endif
        b_ = true
     :: else -> skip
     fi
  :: else -> skip
  fi;
  if
  :: !b_ ->
     re_ = false;
#ifndef MUT_PARALLEL_UPGRADE
     for (k_ : 0 .. M-1) { if :: childBusy(k_) -> re_ = true :: else -> skip fi }
#endif
     if
     :: !re_ ->
#ifndef MUT_IGNORE_PROBE_FAIL
        sl_ = NONE;
        for (k_ : 0 .. M-1) {
          allBound(k_, b_);
          if :: sl_ == NONE && failedLoad(k_, b_) -> sl_ = k_ :: else -> skip fi
        }
        b_ = false;
        if :: sl_ != NONE -> tstate = T_STOPPED; report = R_NOT_BOUND + sl_; b_ = true :: else -> skip fi;
#endif
        if
        :: !b_ ->
           sl_ = NONE;
           /* a child whose probe failed first, then in index order */
           for (k_ : 0 .. M-1) { anyFailed(k_, b_); if :: sl_ == NONE && pending(k_) && b_ -> sl_ = k_ :: else -> skip fi }
           for (k_ : 0 .. M-1) { if :: sl_ == NONE && pending(k_) -> sl_ = k_ :: else -> skip fi }
#ifdef MUT_SKIP_CHILD
           /* MUT-SKIP-CHILD: one child on the new version is taken for all */
           for (k_ : 0 .. M-1) { if :: cstate[k_] == C_LOADED && cver[k_] == ttarget && !toReload(k_) -> sl_ = NONE :: else -> skip fi }
#endif
           if
           :: sl_ == NONE -> tstate = T_DONE; tcur = NONE; treload = 0
           :: else ->
#ifdef MUT_PARALLEL_UPGRADE
              re_ = true;
#else
              bond_settled(re_);
#endif
              if
              :: re_ -> tstate = T_WAIT_UNLOAD; tcur = sl_; treload = treload & ~(1 << sl_); downByTool[sl_] = true; child_rmmod(sl_)
              :: else -> skip
              fi
           fi
        :: else -> skip
        fi
     :: else -> skip
     fi
  :: else -> skip
  fi
}

/* whether tool_select() changes anything: the step is enabled exactly then */
inline tool_can_select() {
  can_ = (pstate != P_BOUND);
  for (k_ : 0 .. M-1) { can_ = can_ || childDown(k_) }
  re_ = false;
#ifndef MUT_PARALLEL_UPGRADE
  for (k_ : 0 .. M-1) { re_ = re_ || childBusy(k_) }
#endif
  if
  :: !can_ && !re_ ->
     sl_ = NONE;
     for (k_ : 0 .. M-1) { if :: sl_ == NONE && pending(k_) -> sl_ = k_ :: else -> skip fi }
#ifdef MUT_SKIP_CHILD
     /* MUT-SKIP-CHILD: one child on the new version is taken for all */
     for (k_ : 0 .. M-1) { if :: cstate[k_] == C_LOADED && cver[k_] == ttarget && !toReload(k_) -> sl_ = NONE :: else -> skip fi }
#endif
#ifdef MUT_PARALLEL_UPGRADE
     b_ = true;
#else
     bond_settled(b_);
#endif
     can_ = (sl_ == NONE) || b_;
#ifndef MUT_IGNORE_PROBE_FAIL
     for (k_ : 0 .. M-1) {
       allBound(k_, b_);
       can_ = can_ || failedLoad(k_, b_)
     }
#endif
     skip
  :: else -> skip
  fi
}

inline tool_timeout() {
  if
  :: pstate != P_BOUND -> tstate = T_STOPPED; report = R_PARENT_GONE
  :: pstate == P_BOUND && inbox == NONE && cstate[tcur] == C_LOADED ->
#ifdef MUT_IGNORE_PROBE_FAIL
     tstate = T_SELECTING; tcur = NONE
#else
     tstate = T_STOPPED; report = R_NO_NOTIFY + tcur
#endif
  :: else -> tstate = T_STOPPED; report = R_UNLOADED + tcur  /* an operator's rmmod took it away */
  fi
}

inline traffic_send(f) {
  /* bond_start_xmit(): actv-backup sends on the active slave; balance-xor hashes over the slave array */
#ifdef XOR
  cnt_ = 0;
  for (i_ : 0 .. N-1) { if :: ensl[i_] && lnk[i_] == L_UP && ctx[i_] -> cnt_++ :: else -> skip fi }
  sl_ = NONE;
  if
  :: cnt_ > 0 ->
     mind_ = f % cnt_; cnt_ = 0;
     for (i_ : 0 .. N-1) {
       if :: ensl[i_] && lnk[i_] == L_UP && ctx[i_] -> if :: cnt_ == mind_ -> sl_ = i_ :: else -> skip fi; cnt_++ :: else -> skip fi
     }
  :: else -> skip
  fi;
#else
  sl_ = actv;
#endif
  if
  :: sl_ == NONE -> drop()
  :: else ->
     if
     :: !reg[sl_] || !up_(cfg[sl_]) || !car[sl_] || ops[sl_] == PARENT -> drop()
     :: else -> ifl = true; iflNetdev = sl_; iflHolder = ops[sl_]; iflFlow = f
     fi
  fi
}

inline traffic_complete() {
  ifl = false;
  /* ndo_start_xmit runs in the holder's code: INV-NO-FREED-CODE, INV-TRAFFIC-PATH */
  assert(codePresent(iflHolder));
  assert(OWNER(iflNetdev) == iflHolder);
  iflNetdev = 0; iflHolder = 0; iflFlow = 0
}

inline parent_remove() {
  pstate = P_REMOVED;
  for (i_ : 0 .. N-1) { sstat[i_] = S_GONE }
  /* the children's eventless transitions: nothing left to probe, nothing left to remove */
  for (k_ : 0 .. M-1) {
    if
    :: cstate[k_] == C_LOADING -> cstate[k_] = C_LOADED
    :: cstate[k_] == C_REMOVING -> cstate[k_] = C_DRAINING
    :: else -> skip
    fi
  }
  for (sl_ : 0 .. N-1) { netdev_unregister(sl_) }
  faults = faults | FB_PARENT
}

#define USER(i) \
  STEP(UOK && i < N && pstate == P_BOUND && reg[i], UTAKE; user_config(i, cfg[i] ^ MTU9000)) \
  STEP(UOK && i < N && pstate == P_BOUND && reg[i], UTAKE; user_config(i, cfg[i] ^ MACBIT)) \
  STEP(UOK && i < N && pstate == P_BOUND && reg[i], UTAKE; user_config(i, cfg[i] ^ ADMINUP)) \
  BOND_PRIMARY(i) \
  BOND_ACTIVE(i)

/* the primary and active_slave options exist in active-backup only */
#ifdef XOR
#define BOND_PRIMARY(i)
#define BOND_PRIMARY_NONE
#define BOND_ACTIVE(i)
#else
#define BOND_PRIMARY(i) STEP(UOK && i < N && pstate == P_BOUND && primary != i, UTAKE; primary = i; fprim = ensl[i]; bond_select(); faults = faults | FB_USER)
#define BOND_PRIMARY_NONE STEP(UOK && pstate == P_BOUND && primary != NONE, UTAKE; primary = NONE; bond_select(); faults = faults | FB_USER)
/* bond_option_active_slave_set(): refused without a current active slave, or unless the new one is up with carrier */
#define BOND_ACTIVE(i) STEP(UOK && i < N && pstate == P_BOUND && actv != i && lnk[i] == L_UP, UTAKE; if :: actv != NONE && isUp(i) && ctx[i] -> actv = i :: else -> skip fi; faults = faults | FB_USER)
#endif

inline boot() {
  pstate = P_BOUND;
  for (i_ : 0 .. N-1) { netdev_register(i_, 2 + i_) }
  nextIfindex = 2 + N;
  for (i_ : 0 .. N-1) { ensl[i_] = true; lnk[i_] = L_DOWN; ctx[i_] = false }
  fprim = (primary != NONE);   /* enslaving the primary forces it */
  for (i_ : 0 .. N-1) { cfg[i_] = cfg[i_] | MTU9000; expcfg[i_] = cfg[i_] }
  for (k_ : 0 .. M-1) {
    cstate[k_] = C_LOADING; cver[k_] = 1;
    for (j_ : 0 .. N-1) { if :: OWNER(j_) == k_ -> sstat[j_] = S_BOUND; ops[j_] = k_; prog[j_] = cfg[j_] :: else -> skip fi }
    cstate[k_] = C_LOADED;
    for (j_ : 0 .. N-1) { if :: OWNER(j_) == k_ -> car[j_] = true; ctx[j_] = true :: else -> skip fi }
    notified[k_] = true
  }
  for (cnt_ : 0 .. UPDELAY + 1) { bond_miimon() }
}

init {
  d_step { boot(); clear_scratch() };
  do
  CHILD(0)
  CHILD(1)
#if M > 2
  CHILD(2)
#endif
#if M > 3
  CHILD(3)
#endif
  STEP(true, bond_miimon())
  STEP(tstate == T_IDLE, tstate = T_SELECTING)
  STEP(ROK && (tstate == T_DONE || tstate == T_STOPPED), RTAKE; tool_rerun(1))
  STEP(ROK && (tstate == T_DONE || tstate == T_STOPPED), RTAKE; tool_rerun(2))
  STEP(ROK && (tstate == T_DONE || tstate == T_STOPPED), RTAKE; tool_rerun(3))
  :: d_step { tstate == T_SELECTING -> wasOrch_ = orchestrating; tool_can_select(); if :: can_ -> tool_select() :: else -> skip fi; one_down_monitor(); check_invariants(); clear_scratch() }
  STEP(tstate == T_READY_LOAD, if :: pstate != P_BOUND -> tstate = T_STOPPED; report = R_PARENT_GONE :: else -> child_insmod(tcur); tstate = AFTER_INSMOD fi)
  STEP(tstate == T_WAIT_NOTIFY && inbox != NONE, tstate = T_SELECTING; inbox = NONE; tcur = NONE)
  STEP(tstate == T_WAIT_NOTIFY && (pstate != P_BOUND || (tcur != NONE && ((inbox == NONE && cstate[tcur] == C_LOADED) || cstate[tcur] == C_UNLOADED))), tool_timeout())
  STEP(!ifl, traffic_send(0))
#if FLOWS > 1
  STEP(!ifl, traffic_send(1))
#endif
  STEP(ifl, traffic_complete())
#ifdef F_RESTART
  STEP(orchestrating, tstate = T_SELECTING; tcur = NONE; inbox = NONE; treload = 0; faults = faults | FB_RESTART)
#endif
#ifdef F_NOTIFY
  STEP(tstate == T_WAIT_NOTIFY && inbox != NONE, inbox = NONE; faults = faults | FB_NOTIFY)
#endif
#ifdef F_USER
  USER(0) USER(1)
#if N > 2
  USER(2)
#endif
  BOND_PRIMARY_NONE
#ifndef XOR
  STEP(UOK && pstate == P_BOUND && resel != 0, UTAKE; resel = 0; faults = faults | FB_USER)
  STEP(UOK && pstate == P_BOUND && resel != 1, UTAKE; resel = 1; faults = faults | FB_USER)
  STEP(UOK && pstate == P_BOUND && resel != 2, UTAKE; resel = 2; faults = faults | FB_USER)
#endif
#endif
#ifdef F_PARENT
  STEP(pstate == P_BOUND, parent_remove())
#endif
  od
}
