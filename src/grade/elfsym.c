/* elfsym — see elfsym.h.  Reads the file into memory and walks the
 * section headers; 64-bit little-endian objects only (what cc makes
 * here). */

#include "grade/elfsym.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

/* Symbols the C runtime's crt files define in every shared object. */
static bool toolchain_symbol(const char *name)
{
    static const char *const names[] = {"completed.0", "completed.1", "__dso_handle",
                                        "__TMC_END__", "_DYNAMIC", "_GLOBAL_OFFSET_TABLE_",
                                        "__FRAME_END__", "__JCR_END__", "__JCR_LIST__",
                                        NULL};
    for (int i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return strncmp(name, "__", 2) == 0;
}

static bool writable_section(const Elf64_Shdr *sh, const char *name)
{
    if ((sh->sh_flags & (SHF_WRITE | SHF_ALLOC)) != (SHF_WRITE | SHF_ALLOC) ||
        (sh->sh_flags & SHF_EXECINSTR))
        return false;
    /* written only by the loader, read-only afterwards (RELRO) or plumbing */
    static const char *const skip[] = {".got", ".got.plt", ".dynamic", ".init_array",
                                       ".fini_array", ".data.rel.ro", ".tm_clone_table",
                                       NULL};
    for (int i = 0; skip[i]; i++)
        if (strncmp(name, skip[i], strlen(skip[i])) == 0)
            return false;
    return true;
}

int elfsym_writable(const char *path, char ***names, md_err *err)
{
    size_t len;
    *names = NULL;
    unsigned char *f = (unsigned char *)file_read(path, &len, err);
    if (!f)
        return -1;
    int n = 0;
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f;
    if (len < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shoff == 0 ||
        eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > len ||
        eh->e_shstrndx >= eh->e_shnum) {
        free(f);
        return md_fail(err, "%s: not a 64-bit ELF shared object", path);
    }
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(f + eh->e_shoff);
    const char *shstr = (const char *)f + sh[eh->e_shstrndx].sh_offset;
    /* prefer the full symbol table; .dynsym lacks static variables */
    const Elf64_Shdr *symtab = NULL;
    for (int i = 0; i < eh->e_shnum; i++)
        if (sh[i].sh_type == SHT_SYMTAB)
            symtab = &sh[i];
    for (int i = 0; !symtab && i < eh->e_shnum; i++)
        if (sh[i].sh_type == SHT_DYNSYM)
            symtab = &sh[i];
    if (!symtab || symtab->sh_link >= eh->e_shnum ||
        symtab->sh_offset + symtab->sh_size > len) {
        free(f);
        return 0;
    }
    const Elf64_Sym *syms = (const Elf64_Sym *)(f + symtab->sh_offset);
    size_t nsyms = symtab->sh_size / sizeof(Elf64_Sym);
    const char *strtab = (const char *)f + sh[symtab->sh_link].sh_offset;
    size_t strlen_max = sh[symtab->sh_link].sh_size;
    for (size_t i = 0; i < nsyms; i++) {
        const Elf64_Sym *s = &syms[i];
        int type = ELF64_ST_TYPE(s->st_info);
        if ((type != STT_OBJECT && type != STT_TLS) || s->st_shndx == SHN_UNDEF ||
            s->st_shndx >= eh->e_shnum || s->st_name >= strlen_max)
            continue;
        const char *name = strtab + s->st_name;
        const Elf64_Shdr *sec = &sh[s->st_shndx];
        if (!*name || toolchain_symbol(name) || !writable_section(sec, shstr + sec->sh_name))
            continue;
        *names = xrealloc(*names, sizeof(char *) * (size_t)(n + 1));
        (*names)[n++] = xstrdup(name);
    }
    free(f);
    return n;
}

void elfsym_free(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}
