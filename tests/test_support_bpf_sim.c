/*
 * test_support_bpf_sim.c - unit tests for the seccomp classic-BPF simulator.
 *
 * The simulator is the oracle for every other generator test, so each
 * opcode family is pinned down here with small hand-written programs whose
 * results are worked out by hand, together with the checker's rejections.
 * Prints one line per failure and "N passed, N failed" last; exit status 0
 * only if nothing failed.
 */
#include "bpf_sim.h"

#include <stdio.h>
#include <string.h>

static unsigned passed, failed;

#define CHECK(cond)                                                              \
	do {                                                                     \
		if (cond) {                                                      \
			passed++;                                                \
		} else {                                                         \
			failed++;                                                \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);   \
		}                                                                \
	} while (0)

/* Like CHECK(a == b) but shows both values, which is what one needs when an
 * arithmetic or byte-order expectation is off. */
#define CHECK_EQ(a, b)                                                           \
	do {                                                                     \
		unsigned long long va_ = (a), vb_ = (b);                         \
		if (va_ == vb_) {                                                \
			passed++;                                                \
		} else {                                                         \
			failed++;                                                \
			printf("FAIL %s:%d: %s == %s (0x%llx != 0x%llx)\n", __FILE__, \
			       __LINE__, #a, #b, va_, vb_);                      \
		}                                                                \
	} while (0)

#define N(arr) (sizeof(arr) / sizeof((arr)[0]))

static struct sock_filter ins(uint16_t code, uint8_t jt, uint8_t jf, uint32_t k)
{
	struct sock_filter f;

	f.code = code;
	f.jt = jt;
	f.jf = jf;
	f.k = k;
	return f;
}

#define STMT(code, k) ins((uint16_t)(code), 0, 0, (k))
#define JUMP(code, k, jt, jf) ins((uint16_t)(code), (jt), (jf), (k))

static const struct bpf_sim_data zero_data;

/* Check, then run on little-endian; a program that should run but is
 * rejected counts as a failure of its own. */
static uint32_t run_checked(const struct sock_filter *p, size_t len, const struct bpf_sim_data *d,
			    bool be)
{
	char err[160];

	if (bpf_sim_check(p, len, err, sizeof(err)) != 0) {
		failed++;
		printf("FAIL: program unexpectedly rejected: %s\n", err);
	}
	return bpf_sim_run(p, len, d, be, NULL);
}

static bool rejected(const struct sock_filter *p, size_t len, const char *want)
{
	char err[160];

	if (bpf_sim_check(p, len, err, sizeof(err)) == 0)
		return false;
	if (want != NULL && strstr(err, want) == NULL) {
		printf("  (message \"%s\" lacks \"%s\")\n", err, want);
		return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */

struct alu_case {
	uint16_t op;
	uint32_t a, b, want;
};

static const struct alu_case alu_cases[] = {
	{ BPF_ADD, 40, 2, 42 },
	{ BPF_ADD, 0xffffffffu, 2, 1 },           /* wraps at 32 bits */
	{ BPF_SUB, 50, 8, 42 },
	{ BPF_SUB, 1, 2, 0xffffffffu },
	{ BPF_MUL, 6, 7, 42 },
	{ BPF_MUL, 0x10000u, 0x10000u, 0 },       /* high bits dropped */
	{ BPF_DIV, 100, 7, 14 },
	{ BPF_DIV, 0xffffffffu, 2, 0x7fffffffu }, /* unsigned, not signed */
	{ BPF_MOD, 100, 7, 2 },
	{ BPF_MOD, 0xffffffffu, 10, 5 },
	{ BPF_AND, 0xf0f0u, 0xff00u, 0xf000u },
	{ BPF_OR, 0xf0f0u, 0x0f00u, 0xfff0u },
	{ BPF_XOR, 0xff00ff00u, 0x0ff00ff0u, 0xf0f0f0f0u },
	{ BPF_LSH, 1, 31, 0x80000000u },
	{ BPF_LSH, 0x80000001u, 1, 2 },
	{ BPF_RSH, 0x80000000u, 31, 1 },          /* logical, not arithmetic */
	{ BPF_RSH, 0xf0u, 4, 0xfu },
};

static void test_alu_k(void)
{
	for (size_t i = 0; i < N(alu_cases); i++) {
		const struct alu_case *c = &alu_cases[i];
		struct sock_filter p[] = {
			STMT(BPF_LD | BPF_IMM, c->a),
			STMT(BPF_ALU | c->op | BPF_K, c->b),
			STMT(BPF_RET | BPF_A, 0),
		};

		CHECK_EQ(bpf_sim_run(p, N(p), &zero_data, false, NULL), c->want);
		CHECK_EQ(bpf_sim_run(p, N(p), &zero_data, true, NULL), c->want);
		/* seccomp has no MOD; every other op must pass the checker */
		CHECK((bpf_sim_check(p, N(p), NULL, 0) == 0) == (c->op != BPF_MOD));
	}
}

static void test_alu_x(void)
{
	for (size_t i = 0; i < N(alu_cases); i++) {
		const struct alu_case *c = &alu_cases[i];
		struct sock_filter p[] = {
			STMT(BPF_LD | BPF_IMM, c->a),
			STMT(BPF_LDX | BPF_W | BPF_IMM, c->b),
			STMT(BPF_ALU | c->op | BPF_X, 0xdead), /* k must be ignored */
			STMT(BPF_RET | BPF_A, 0),
		};

		CHECK_EQ(bpf_sim_run(p, N(p), &zero_data, false, NULL), c->want);
		CHECK((bpf_sim_check(p, N(p), NULL, 0) == 0) == (c->op != BPF_MOD));
	}
}

static void test_alu_neg(void)
{
	struct sock_filter p[] = {
		STMT(BPF_LD | BPF_IMM, 5),
		STMT(BPF_ALU | BPF_NEG, 0),
		STMT(BPF_RET | BPF_A, 0),
	};

	CHECK_EQ(run_checked(p, N(p), &zero_data, false), 0xfffffffbu);
	p[0].k = 0;
	CHECK_EQ(run_checked(p, N(p), &zero_data, false), 0);
	p[0].k = 0x80000000u;
	CHECK_EQ(run_checked(p, N(p), &zero_data, false), 0x80000000u);
}

/* Dividing by X == 0 ends the program with 0, whatever follows. */
static void test_div_mod_by_zero_x(void)
{
	struct sock_filter p[] = {
		STMT(BPF_LD | BPF_IMM, 5),
		STMT(BPF_LDX | BPF_W | BPF_IMM, 0),
		STMT(BPF_ALU | BPF_DIV | BPF_X, 0),
		STMT(BPF_RET | BPF_K, 0x7fff0000u),
	};
	unsigned steps = 99;

	CHECK_EQ(run_checked(p, N(p), &zero_data, false), 0);
	bpf_sim_run(p, N(p), &zero_data, false, &steps);
	CHECK_EQ(steps, 3);
	p[2].code = BPF_ALU | BPF_MOD | BPF_X;
	CHECK_EQ(bpf_sim_run(p, N(p), &zero_data, false, NULL), 0);
	p[1].k = 2; /* non-zero divisor: reaches the RET */
	CHECK_EQ(bpf_sim_run(p, N(p), &zero_data, false, NULL), 0x7fff0000u);
}

/* Shift by X uses X & 31 (eBPF ALU32 interpreter semantics). */
static void test_shift_x_masking(void)
{
	struct sock_filter p[] = {
		STMT(BPF_LD | BPF_IMM, 1),
		STMT(BPF_LDX | BPF_W | BPF_IMM, 33),
		STMT(BPF_ALU | BPF_LSH | BPF_X, 0),
		STMT(BPF_RET | BPF_A, 0),
	};

	CHECK_EQ(run_checked(p, N(p), &zero_data, false), 2);
	p[0].k = 0x80;
	p[1].k = 32;
	p[2].code = BPF_ALU | BPF_RSH | BPF_X;
	CHECK_EQ(run_checked(p, N(p), &zero_data, false), 0x80);
}

/* ------------------------------------------------------------------ */

struct jmp_case {
	uint16_t op;
	uint32_t a, b;
	bool taken;
};

static const struct jmp_case jmp_cases[] = {
	{ BPF_JEQ, 7, 7, true },
	{ BPF_JEQ, 7, 8, false },
	{ BPF_JGT, 8, 7, true },
	{ BPF_JGT, 7, 7, false },
	{ BPF_JGT, 0xffffffffu, 1, true },          /* unsigned */
	{ BPF_JGT, 0x80000001u, 0x80000000u, true },
	{ BPF_JGT, 1, 0xffffffffu, false },
	{ BPF_JGE, 7, 7, true },
	{ BPF_JGE, 6, 7, false },
	{ BPF_JGE, 0x80000000u, 0x7fffffffu, true },
	{ BPF_JSET, 0x10, 0x30, true },
	{ BPF_JSET, 0x10, 0x20, false },
	{ BPF_JSET, 0x80000000u, 0x80000000u, true },
};

enum { RET_TRUE = 0x7, RET_FALSE = 0xf };

/* Layout A: jt skips one insn, jf falls through. Layout B: the reverse. */
static void run_jmp_case(const struct jmp_case *c, uint16_t src)
{
	uint32_t want = c->taken ? RET_TRUE : RET_FALSE;
	struct sock_filter p[] = {
		STMT(BPF_LD | BPF_IMM, c->a),
		STMT(BPF_LDX | BPF_W | BPF_IMM, src == BPF_X ? c->b : 0xdead),
		JUMP(BPF_JMP | c->op | src, src == BPF_K ? c->b : 0xdead, 1, 0),
		STMT(BPF_RET | BPF_K, RET_FALSE),
		STMT(BPF_RET | BPF_K, RET_TRUE),
	};
	unsigned steps;

	CHECK_EQ(run_checked(p, N(p), &zero_data, false), want);
	p[2].jt = 0;
	p[2].jf = 1;
	p[3].k = RET_TRUE;
	p[4].k = RET_FALSE;
	CHECK_EQ(run_checked(p, N(p), &zero_data, true), want);
	bpf_sim_run(p, N(p), &zero_data, false, &steps);
	CHECK_EQ(steps, 4);
}

static void test_jumps(void)
{
	for (size_t i = 0; i < N(jmp_cases); i++) {
		run_jmp_case(&jmp_cases[i], BPF_K);
		run_jmp_case(&jmp_cases[i], BPF_X);
	}
}

static void test_ja(void)
{
	struct sock_filter p[] = {
		STMT(BPF_JMP | BPF_JA, 2),
		STMT(BPF_RET | BPF_K, 1),
		STMT(BPF_RET | BPF_K, 2),
		STMT(BPF_RET | BPF_K, 3),
	};
	unsigned steps = 0;

	CHECK_EQ(run_checked(p, N(p), &zero_data, false), 3);
	bpf_sim_run(p, N(p), &zero_data, false, &steps);
	CHECK_EQ(steps, 2);
	p[0].k = 0; /* JA 0 is a no-op */
	CHECK_EQ(run_checked(p, N(p), &zero_data, false), 1);
}

/* ------------------------------------------------------------------ */

static void test_scratch_memory(void)
{
	struct sock_filter p[] = {
		STMT(BPF_LD | BPF_IMM, 0x1234),
		STMT(BPF_ST, 3),
		STMT(BPF_LDX | BPF_W | BPF_IMM, 0x55),
		STMT(BPF_STX, 15),
		STMT(BPF_LD | BPF_IMM, 0),   /* clobber A and X ... */
		STMT(BPF_LDX | BPF_W | BPF_IMM, 0),
		STMT(BPF_LD | BPF_MEM, 3),   /* ... and get them back */
		STMT(BPF_LDX | BPF_W | BPF_MEM, 15),
		STMT(BPF_ALU | BPF_ADD | BPF_X, 0),
		STMT(BPF_RET | BPF_A, 0),
	};

	CHECK_EQ(run_checked(p, N(p), &zero_data, false), 0x1234 + 0x55);
	/* a later store to a different cell leaves M[3] alone */
	p[3].k = 4;
	p[7].k = 4;
	CHECK_EQ(run_checked(p, N(p), &zero_data, false), 0x1234 + 0x55);
}

static void test_ret_and_initial_state(void)
{
	struct sock_filter ret_k[] = { STMT(BPF_RET | BPF_K, 0x7fff0000u) };
	struct sock_filter ret_a[] = { STMT(BPF_RET | BPF_A, 0x1234) };
	struct sock_filter ret_x[] = { STMT(BPF_MISC | BPF_TXA, 0), STMT(BPF_RET | BPF_A, 0) };
	unsigned steps = 0;

	CHECK_EQ(run_checked(ret_k, 1, &zero_data, false), 0x7fff0000u);
	CHECK_EQ(run_checked(ret_a, 1, &zero_data, false), 0); /* A starts at 0, k ignored */
	CHECK_EQ(run_checked(ret_x, 2, &zero_data, false), 0); /* X starts at 0 */
	bpf_sim_run(ret_k, 1, &zero_data, false, &steps);
	CHECK_EQ(steps, 1);
}

static void test_tax_txa(void)
{
	struct sock_filter p[] = {
		STMT(BPF_LD | BPF_IMM, 9),
		STMT(BPF_MISC | BPF_TAX, 0),  /* X = 9 */
		STMT(BPF_LD | BPF_IMM, 1),
		STMT(BPF_ALU | BPF_ADD | BPF_X, 0), /* A = 10: TAX copied, not moved */
		STMT(BPF_LDX | BPF_W | BPF_IMM, 100),
		STMT(BPF_ALU | BPF_ADD | BPF_X, 0), /* A = 110 */
		STMT(BPF_MISC | BPF_TXA, 0),  /* A = 100 */
		STMT(BPF_RET | BPF_A, 0),
	};

	CHECK_EQ(run_checked(p, N(p), &zero_data, false), 100);
	p[6] = STMT(BPF_ALU | BPF_ADD | BPF_K, 0); /* drop the TXA */
	CHECK_EQ(run_checked(p, N(p), &zero_data, false), 110);
}

static void test_len(void)
{
	struct sock_filter ld[] = { STMT(BPF_LD | BPF_W | BPF_LEN, 0), STMT(BPF_RET | BPF_A, 0) };
	struct sock_filter ldx[] = {
		STMT(BPF_LDX | BPF_W | BPF_LEN, 0),
		STMT(BPF_MISC | BPF_TXA, 0),
		STMT(BPF_RET | BPF_A, 0),
	};

	CHECK_EQ(run_checked(ld, N(ld), &zero_data, false), 64);
	CHECK_EQ(run_checked(ld, N(ld), &zero_data, true), 64);
	CHECK_EQ(run_checked(ldx, N(ldx), &zero_data, false), 64);
}

/* ------------------------------------------------------------------ */

static uint32_t load_word(uint32_t off, const struct bpf_sim_data *d, bool be)
{
	struct sock_filter p[] = { STMT(BPF_LD | BPF_W | BPF_ABS, off), STMT(BPF_RET | BPF_A, 0) };

	return run_checked(p, N(p), d, be);
}

static void test_byte_order(void)
{
	struct bpf_sim_data d = {
		.nr = -1,
		.arch = 0xc000003eu,
		.instruction_pointer = 0xaaaaaaaabbbbbbbbull,
		.args = { 0x1111111122222222ull, 0, 0, 0, 0, 0x5555555566666666ull },
	};

	/* 32-bit fields read the same in either order */
	CHECK_EQ(load_word(0, &d, false), 0xffffffffu);
	CHECK_EQ(load_word(0, &d, true), 0xffffffffu);
	CHECK_EQ(load_word(4, &d, false), 0xc000003eu);
	CHECK_EQ(load_word(4, &d, true), 0xc000003eu);
	/* 64-bit fields: the halves swap */
	CHECK_EQ(load_word(8, &d, false), 0xbbbbbbbbu);
	CHECK_EQ(load_word(12, &d, false), 0xaaaaaaaau);
	CHECK_EQ(load_word(8, &d, true), 0xaaaaaaaau);
	CHECK_EQ(load_word(12, &d, true), 0xbbbbbbbbu);
	CHECK_EQ(load_word(16, &d, false), 0x22222222u); /* LE: low half first */
	CHECK_EQ(load_word(20, &d, false), 0x11111111u);
	CHECK_EQ(load_word(16, &d, true), 0x11111111u);  /* BE: high half first */
	CHECK_EQ(load_word(20, &d, true), 0x22222222u);
	CHECK_EQ(load_word(56, &d, false), 0x66666666u);
	CHECK_EQ(load_word(60, &d, false), 0x55555555u);
	CHECK_EQ(load_word(56, &d, true), 0x55555555u);
	CHECK_EQ(load_word(60, &d, true), 0x66666666u);
	CHECK_EQ(load_word(24, &d, true), 0);
}

/* A filter shaped like the generator's output: arch check, then an allow
 * list on nr, then an argument test on the 64-bit args[0] low half. */
static void test_realistic_filter(void)
{
	const uint32_t ALLOW = 0x7fff0000u, KILL = 0, ERRNO_EPERM = 0x00050001u;
	struct sock_filter p[] = {
		STMT(BPF_LD | BPF_W | BPF_ABS, 4),
		JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xc000003eu, 1, 0),
		STMT(BPF_RET | BPF_K, KILL),
		STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 3, 0),  /* read -> allow */
		JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 2, 0),  /* write -> allow */
		JUMP(BPF_JMP | BPF_JEQ | BPF_K, 72, 2, 0), /* fcntl -> arg check */
		STMT(BPF_RET | BPF_K, ERRNO_EPERM),
		STMT(BPF_RET | BPF_K, ALLOW),
		STMT(BPF_LD | BPF_W | BPF_ABS, 16),        /* args[0] low half (LE) */
		JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x80, 0, 1),
		STMT(BPF_RET | BPF_K, ALLOW),
		STMT(BPF_RET | BPF_K, ERRNO_EPERM),
	};
	struct bpf_sim_data d = { .nr = 0, .arch = 0xc000003eu, .args = { 0 } };

	CHECK_EQ(run_checked(p, N(p), &d, false), ALLOW);
	d.nr = 1;
	CHECK_EQ(run_checked(p, N(p), &d, false), ALLOW);
	d.nr = 2;
	CHECK_EQ(run_checked(p, N(p), &d, false), ERRNO_EPERM);
	d.nr = 72;
	d.args[0] = 0x80;
	CHECK_EQ(run_checked(p, N(p), &d, false), ALLOW);
	d.args[0] = 0x100000000ull; /* bit set only in the high half */
	CHECK_EQ(run_checked(p, N(p), &d, false), ERRNO_EPERM);
	d.args[0] = 0x8000000000ull; /* on BE, offset 16 is the high half */
	CHECK_EQ(run_checked(p, N(p), &d, true), ALLOW);
	CHECK_EQ(run_checked(p, N(p), &d, false), ERRNO_EPERM);
	d.arch = 0x40000003u;
	CHECK_EQ(run_checked(p, N(p), &d, false), KILL);
}

/* ------------------------------------------------------------------ */

static void test_decode(void)
{
	/* LD W ABS 4 ; JEQ K 0xc000003e jt=1 jf=2 ; RET K 0x7fff0000 */
	static const unsigned char be[] = {
		0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04,
		0x00, 0x15, 0x01, 0x02, 0xc0, 0x00, 0x00, 0x3e,
		0x00, 0x06, 0x00, 0x00, 0x7f, 0xff, 0x00, 0x00,
	};
	static const unsigned char le[] = {
		0x20, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00,
		0x15, 0x00, 0x01, 0x02, 0x3e, 0x00, 0x00, 0xc0,
		0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x7f,
	};
	struct sock_filter a[4], b[4];

	CHECK_EQ(bpf_sim_decode(be, sizeof(be), true, a, N(a)), 3);
	CHECK_EQ(bpf_sim_decode(le, sizeof(le), false, b, N(b)), 3);
	CHECK_EQ(a[0].code, BPF_LD | BPF_W | BPF_ABS);
	CHECK_EQ(a[0].k, 4);
	CHECK_EQ(a[1].code, BPF_JMP | BPF_JEQ | BPF_K);
	CHECK_EQ(a[1].jt, 1);
	CHECK_EQ(a[1].jf, 2);
	CHECK_EQ(a[1].k, 0xc000003eu);
	CHECK_EQ(a[2].code, BPF_RET | BPF_K);
	CHECK_EQ(a[2].k, 0x7fff0000u);
	CHECK(memcmp(a, b, 3 * sizeof(a[0])) == 0);
	/* decoding with the wrong byte order garbles code and k */
	CHECK_EQ(bpf_sim_decode(be, sizeof(be), false, b, N(b)), 3);
	CHECK_EQ(b[0].code, 0x2000);
	CHECK_EQ(b[0].k, 0x04000000u);
	CHECK(bpf_sim_check(b, 3, NULL, 0) != 0);

	CHECK_EQ(bpf_sim_decode(be, 7, true, a, N(a)), -1);           /* not a multiple of 8 */
	CHECK_EQ(bpf_sim_decode(be, sizeof(be) + 1, true, a, N(a)), -1);
	CHECK_EQ(bpf_sim_decode(be, sizeof(be), true, a, 2), -1);     /* too small */
	CHECK_EQ(bpf_sim_decode(be, 0, true, a, 0), 0);
	CHECK_EQ(bpf_sim_decode(be, 8, true, a, 1), 1);
}

/* ------------------------------------------------------------------ */

static void test_check_length(void)
{
	static struct sock_filter big[BPF_MAXINSNS + 1];
	char err[80];

	for (size_t i = 0; i < N(big); i++)
		big[i] = STMT(BPF_RET | BPF_K, 0);
	CHECK(bpf_sim_check(big, 0, err, sizeof(err)) == -1);
	CHECK(strstr(err, "length 0") != NULL);
	CHECK(bpf_sim_check(NULL, 0, NULL, 0) == -1);
	CHECK(bpf_sim_check(big, BPF_MAXINSNS + 1, err, sizeof(err)) == -1);
	CHECK(strstr(err, "4097") != NULL);
	CHECK(bpf_sim_check(big, BPF_MAXINSNS, err, sizeof(err)) == 0);
	CHECK(err[0] == '\0');
	CHECK(bpf_sim_check(big, 1, err, sizeof(err)) == 0);
}

static void test_check_jumps(void)
{
	struct sock_filter jeq[] = {
		JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 1, 0),
		STMT(BPF_RET | BPF_K, 0),
		STMT(BPF_RET | BPF_K, 1),
	};
	struct sock_filter ja[] = {
		STMT(BPF_RET | BPF_K, 0),
		STMT(BPF_JMP | BPF_JA, 1),
		STMT(BPF_RET | BPF_K, 1),
		STMT(BPF_RET | BPF_K, 2),
	};

	CHECK(bpf_sim_check(jeq, N(jeq), NULL, 0) == 0);
	jeq[0].jt = 2; /* lands one past the end */
	CHECK(rejected(jeq, N(jeq), "insn 0"));
	jeq[0].jt = 1;
	jeq[0].jf = 2;
	CHECK(rejected(jeq, N(jeq), "insn 0"));
	jeq[0].code = BPF_JMP | BPF_JSET | BPF_X;
	CHECK(rejected(jeq, N(jeq), "jumps past"));

	CHECK(bpf_sim_check(ja, N(ja), NULL, 0) == 0);
	ja[1].k = 2;
	CHECK(rejected(ja, N(ja), "insn 1"));
	ja[1].k = 0xffffffffu; /* would wrap a careless pc + k */
	CHECK(rejected(ja, N(ja), "insn 1"));
}

static void test_check_opcodes(void)
{
	static const uint16_t bad[] = {
		0xffff,
		BPF_ALU | BPF_MOD | BPF_K,   /* classic BPF, but not in seccomp's list */
		BPF_ALU | BPF_MOD | BPF_X,
		BPF_LD | BPF_H | BPF_ABS,
		BPF_LD | BPF_B | BPF_ABS,
		BPF_LD | BPF_W | BPF_IND,
		BPF_LDX | BPF_B | BPF_MSH,
		BPF_LDX | BPF_W | BPF_ABS,   /* the kernel's internal rewrite, not user input */
		BPF_ALU | BPF_NEG | BPF_X,
		BPF_JMP | BPF_JA | BPF_X,
		BPF_RET | BPF_X,
		BPF_MISC | 0x40,
	};

	for (size_t i = 0; i < N(bad); i++) {
		struct sock_filter p[] = {
			STMT(BPF_LD | BPF_IMM, 0),
			STMT(bad[i], 1),
			STMT(BPF_RET | BPF_K, 0),
		};

		CHECK(rejected(p, N(p), "insn 1: opcode"));
	}
}

static void test_check_operands(void)
{
	struct sock_filter abs[] = { STMT(BPF_LD | BPF_W | BPF_ABS, 60), STMT(BPF_RET | BPF_A, 0) };
	struct sock_filter alu[] = {
		STMT(BPF_ALU | BPF_DIV | BPF_K, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter mem[] = {
		STMT(BPF_ST, 15),
		STMT(BPF_LD | BPF_MEM, 15),
		STMT(BPF_RET | BPF_A, 0),
	};

	CHECK(bpf_sim_check(abs, 2, NULL, 0) == 0);
	abs[0].k = 64;
	CHECK(rejected(abs, 2, "insn 0"));
	abs[0].k = 2;
	CHECK(rejected(abs, 2, "insn 0"));
	abs[0].k = 0x1000;
	CHECK(rejected(abs, 2, "offset"));

	CHECK(rejected(alu, 2, "insn 0: division by constant 0"));
	alu[0].k = 1;
	CHECK(bpf_sim_check(alu, 2, NULL, 0) == 0);
	alu[0] = STMT(BPF_ALU | BPF_LSH | BPF_K, 32);
	CHECK(rejected(alu, 2, "insn 0: shift"));
	alu[0] = STMT(BPF_ALU | BPF_RSH | BPF_K, 31);
	CHECK(bpf_sim_check(alu, 2, NULL, 0) == 0);

	CHECK(bpf_sim_check(mem, 3, NULL, 0) == 0);
	mem[0].k = 16;
	CHECK(rejected(mem, 3, "insn 0: scratch memory index 16"));
	mem[0] = STMT(BPF_STX, 16);
	CHECK(rejected(mem, 3, "insn 0"));
	mem[0] = STMT(BPF_ST, 15);
	mem[1] = STMT(BPF_LDX | BPF_MEM, 16);
	CHECK(rejected(mem, 3, "insn 1"));
	mem[1] = STMT(BPF_LD | BPF_MEM, 16);
	CHECK(rejected(mem, 3, "insn 1"));
}

static void test_check_last_ret(void)
{
	struct sock_filter p[] = {
		JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1),
		STMT(BPF_RET | BPF_K, 0),
		STMT(BPF_LD | BPF_IMM, 1),
	};

	CHECK(rejected(p, N(p), "insn 2: last instruction is not RET"));
	p[2] = STMT(BPF_RET | BPF_A, 0);
	CHECK(bpf_sim_check(p, N(p), NULL, 0) == 0);
}

/* Loads of M[i] must be preceded by a store on every path. */
static void test_check_scratch_init(void)
{
	struct sock_filter never[] = { STMT(BPF_LD | BPF_MEM, 0), STMT(BPF_RET | BPF_A, 0) };
	struct sock_filter other_cell[] = {
		STMT(BPF_ST, 1),
		STMT(BPF_LDX | BPF_MEM, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	/* M[2] is written only when A == 0 */
	struct sock_filter one_branch[] = {
		JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1),
		STMT(BPF_ST, 2),
		STMT(BPF_LD | BPF_MEM, 2),
		STMT(BPF_RET | BPF_A, 0),
	};
	/* M[2] written on both arms before the join */
	struct sock_filter both[] = {
		JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2),
		STMT(BPF_ST, 2),
		STMT(BPF_JMP | BPF_JA, 1),
		STMT(BPF_STX, 2),
		STMT(BPF_LD | BPF_MEM, 2),
		STMT(BPF_RET | BPF_A, 0),
	};
	/* JA over the only store */
	struct sock_filter skipped[] = {
		STMT(BPF_JMP | BPF_JA, 1),
		STMT(BPF_ST, 4),
		STMT(BPF_LD | BPF_MEM, 4),
		STMT(BPF_RET | BPF_A, 0),
	};

	CHECK(rejected(never, N(never), "insn 0: reads M[0]"));
	CHECK(rejected(other_cell, N(other_cell), "insn 1"));
	CHECK(rejected(one_branch, N(one_branch), "insn 2"));
	CHECK(bpf_sim_check(both, N(both), NULL, 0) == 0);
	CHECK_EQ(bpf_sim_run(both, N(both), &zero_data, false, NULL), 0);
	CHECK(rejected(skipped, N(skipped), "insn 2"));
	skipped[0].k = 0;
	CHECK(bpf_sim_check(skipped, N(skipped), NULL, 0) == 0);
}

/* A tiny error buffer must be filled safely and NUL-terminated. */
static void test_check_err_buffer(void)
{
	struct sock_filter p[] = { STMT(BPF_LD | BPF_IMM, 0) };
	char err[6];

	memset(err, 'x', sizeof(err));
	CHECK(bpf_sim_check(p, 1, err, sizeof(err)) == -1);
	CHECK(memchr(err, '\0', sizeof(err)) != NULL);
	CHECK(strncmp(err, "insn ", 5) == 0);
	CHECK(bpf_sim_check(p, 1, NULL, 0) == -1);
}

/* The interpreter must fail closed, not crash, on programs that were never
 * checked (these cannot happen after bpf_sim_check succeeds). */
static void test_run_unchecked(void)
{
	struct sock_filter fall_off[] = { STMT(BPF_LD | BPF_IMM, 5) };
	struct sock_filter far_ja[] = { STMT(BPF_JMP | BPF_JA, 0xffffffffu), STMT(BPF_RET | BPF_K, 1) };
	struct sock_filter bad_abs[] = { STMT(BPF_LD | BPF_W | BPF_ABS, 64), STMT(BPF_RET | BPF_K, 1) };
	struct sock_filter bad_op[] = { STMT(0xffff, 0), STMT(BPF_RET | BPF_K, 1) };
	unsigned steps = 0;

	CHECK_EQ(bpf_sim_run(fall_off, 1, &zero_data, false, &steps), 0);
	CHECK_EQ(steps, 1);
	CHECK_EQ(bpf_sim_run(far_ja, 2, &zero_data, false, NULL), 0);
	CHECK_EQ(bpf_sim_run(bad_abs, 2, &zero_data, false, NULL), 0);
	CHECK_EQ(bpf_sim_run(bad_op, 2, &zero_data, false, NULL), 0);
	CHECK_EQ(bpf_sim_run(NULL, 0, &zero_data, false, &steps), 0);
	CHECK_EQ(steps, 0);
}

int main(void)
{
	test_alu_k();
	test_alu_x();
	test_alu_neg();
	test_div_mod_by_zero_x();
	test_shift_x_masking();
	test_jumps();
	test_ja();
	test_scratch_memory();
	test_ret_and_initial_state();
	test_tax_txa();
	test_len();
	test_byte_order();
	test_realistic_filter();
	test_decode();
	test_check_length();
	test_check_jumps();
	test_check_opcodes();
	test_check_operands();
	test_check_last_ret();
	test_check_scratch_init();
	test_check_err_buffer();
	test_run_unchecked();
	printf("%u passed, %u failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
