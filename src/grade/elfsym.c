/* elfsym — see elfsym.h.  Reads the file into memory and walks the
 * section headers; 64-bit little-endian objects only (what cc makes
 * here). */

#include "grade/elfsym.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

/* Alignment padding in the writable sections that is not data. */
#define ELFSYM_SLACK 32

/* The objects the C runtime's crt files define in every shared object,
 * and those of libgcc's CPU detection (__builtin_cpu_supports), each
 * excused once, as what they are: local, at most 16 bytes.  A second
 * symbol of the same name, a global one or a larger one is the
 * solution's. */
static const char *const toolchain[] = {"completed.0", "completed.1", "__dso_handle",
                                        "__TMC_END__", "_DYNAMIC", "_GLOBAL_OFFSET_TABLE_",
                                        "__FRAME_END__", "__JCR_END__", "__JCR_LIST__",
                                        "__frame_dummy_init_array_entry",
                                        "__do_global_dtors_aux_fini_array_entry",
                                        "__cpu_model", "__cpu_features2", NULL};
#define NTOOLCHAIN (sizeof toolchain / sizeof toolchain[0])

static bool excused(const Elf64_Sym *s, const char *name, bool *used)
{
    if (ELF64_ST_BIND(s->st_info) != STB_LOCAL || s->st_size > 16)
        return false;
    for (size_t i = 0; toolchain[i]; i++)
        if (!used[i] && strcmp(name, toolchain[i]) == 0)
            return used[i] = true;
    return false;
}

/* Writable at run time: allocated and writable, not code.  By the flags,
 * whatever the section is called (.data.rel.ro included: a solution can
 * make it writable again with mprotect). */
static bool writable(const Elf64_Shdr *sh)
{
    return (sh->sh_flags & (SHF_WRITE | SHF_ALLOC)) == (SHF_WRITE | SHF_ALLOC) &&
           !(sh->sh_flags & SHF_EXECINSTR);
}

/* Sections the loader fills (addresses), not the solution's data. */
static bool plumbing(const char *name)
{
    static const char *const names[] = {".got", ".got.plt", ".dynamic", ".init_array",
                                        ".fini_array", ".tm_clone_table", NULL};
    for (int i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* A parsed object: its sections and the symbol table (into f). */
typedef struct elfview {
    const unsigned char *f;
    size_t len;
    const Elf64_Ehdr *eh;
    const Elf64_Shdr *sh;
    const char *shstr;
    const Elf64_Sym *syms;
    size_t nsyms;
    const char *strtab;
    size_t strmax;
} elfview;

/* Checks the headers; -1 when f is not a 64-bit ELF object whose tables
 * lie within it.  v->syms stays NULL without a symbol table. */
static int elf_open(elfview *v)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)v->f;
    if (v->len < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shoff == 0 || eh->e_shoff > v->len ||
        (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > v->len - eh->e_shoff ||
        eh->e_shstrndx >= eh->e_shnum)
        return -1;
    v->eh = eh;
    v->sh = (const Elf64_Shdr *)(v->f + eh->e_shoff);
    if (v->sh[eh->e_shstrndx].sh_offset >= v->len)
        return -1;
    v->shstr = (const char *)v->f + v->sh[eh->e_shstrndx].sh_offset;
    /* prefer the full symbol table; .dynsym lacks static variables */
    const Elf64_Shdr *symtab = NULL;
    for (int i = 0; i < eh->e_shnum; i++)
        if (v->sh[i].sh_type == SHT_SYMTAB)
            symtab = &v->sh[i];
    for (int i = 0; !symtab && i < eh->e_shnum; i++)
        if (v->sh[i].sh_type == SHT_DYNSYM)
            symtab = &v->sh[i];
    if (!symtab || symtab->sh_link >= eh->e_shnum || symtab->sh_offset > v->len ||
        symtab->sh_size > v->len - symtab->sh_offset ||
        v->sh[symtab->sh_link].sh_offset > v->len)
        return 0;
    v->syms = (const Elf64_Sym *)(v->f + symtab->sh_offset);
    v->nsyms = symtab->sh_size / sizeof(Elf64_Sym);
    v->strtab = (const char *)v->f + v->sh[symtab->sh_link].sh_offset;
    v->strmax = v->sh[symtab->sh_link].sh_size;
    if (v->strmax > v->len - v->sh[symtab->sh_link].sh_offset)
        v->strmax = v->len - v->sh[symtab->sh_link].sh_offset;
    return 0;
}

static void add_name(char ***names, int *n, char *name)
{
    *names = xrealloc(*names, sizeof(char *) * (size_t)(*n + 1));
    (*names)[(*n)++] = name;
}

/* The named writable data: every data symbol in a writable section but
 * the toolchain's; *named gets the bytes the symbols there cover. */
static int named_data(const elfview *v, char ***names, uint64_t *named)
{
    bool used[NTOOLCHAIN] = {false};
    int n = 0;
    for (size_t i = 0; i < v->nsyms; i++) {
        const Elf64_Sym *s = &v->syms[i];
        int type = ELF64_ST_TYPE(s->st_info);
        if ((type != STT_OBJECT && type != STT_TLS && type != STT_NOTYPE &&
             type != STT_COMMON) ||
            s->st_shndx == SHN_UNDEF || s->st_shndx >= v->eh->e_shnum ||
            s->st_name >= v->strmax || !writable(&v->sh[s->st_shndx]))
            continue;
        const char *name = v->strtab + s->st_name;
        size_t room = v->strmax - s->st_name;
        if (strnlen(name, room) == room || !*name)
            continue;
        if (!plumbing(v->shstr + v->sh[s->st_shndx].sh_name))
            *named += s->st_size;
        if (excused(s, name, used))
            continue;
        add_name(names, &n, xstrdup(name));
    }
    return n;
}

/* Bytes of the writable data sections that no symbol names (data made in
 * assembly without a label), beyond alignment slack. */
static uint64_t unnamed_bytes(const elfview *v, uint64_t named)
{
    uint64_t total = 0;
    for (int i = 0; i < v->eh->e_shnum; i++)
        if (writable(&v->sh[i]) && v->sh[i].sh_name < v->len &&
            !plumbing(v->shstr + v->sh[i].sh_name))
            total += v->sh[i].sh_size;
    return total > named + ELFSYM_SLACK ? total - named : 0;
}

/* Whether the object was built with AddressSanitizer (refers to it). */
static bool sanitized(const elfview *v)
{
    for (size_t i = 0; i < v->nsyms; i++) {
        const Elf64_Sym *s = &v->syms[i];
        if (s->st_shndx == SHN_UNDEF && s->st_name < v->strmax &&
            strncmp(v->strtab + s->st_name, "__asan_",
                    v->strmax - s->st_name < 7 ? v->strmax - s->st_name : 7) == 0 &&
            v->strmax - s->st_name >= 7)
            return true;
    }
    return false;
}

int elfsym_writable(const char *path, char ***names, md_err *err)
{
    size_t len;
    *names = NULL;
    unsigned char *f = (unsigned char *)file_read(path, &len, err);
    if (!f)
        return -1;
    elfview v = {.f = f, .len = len};
    if (elf_open(&v) != 0) {
        free(f);
        return md_fail(err, "%s: not a 64-bit ELF shared object", path);
    }
    uint64_t named = 0;
    int n = v.syms ? named_data(&v, names, &named) : 0;
    /* AddressSanitizer's instrumentation (--sanitize) adds unnamed
     * writable metadata of its own; such a build refers to its runtime,
     * which a plain build (linked with -z defs) cannot */
    uint64_t extra = sanitized(&v) ? 0 : unnamed_bytes(&v, named);
    if (extra)
        add_name(names, &n, xasprintf("%llu bytes with no name", (unsigned long long)extra));
    free(f);
    return n;
}

void elfsym_free(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}
