/*
 * ASCII slugs from Vietnamese titles in the admin, as the editor types.
 *
 * Wagtail's `w-slug` controller (urlify/slugify) only transliterates the letters of its maps:
 * "Cảnh báo lừa đảo" would become "cnh-bao-la-djo". It runs the `formatters` value of the slug
 * input (a list of [[pattern, flags], replacement]) before its own rules, so tone marks and
 * đ/Đ are folded here and Wagtail's own sync logic (it stops following the title once the
 * editor edits the slug by hand) stays untouched. The result equals cms.text.slugify_vi.
 */
(() => {
  "use strict";

  const FOLD = {
    a: "àáảãạăằắẳẵặâầấẩẫậ",
    e: "èéẻẽẹêềếểễệ",
    i: "ìíỉĩị",
    o: "òóỏõọôồốổỗộơờớởỡợ",
    u: "ùúủũụưừứửữự",
    y: "ỳýỷỹỵ",
    d: "đ",
  };
  const FORMATTERS = [
    // decomposed input (NFD): tone and vowel marks as combining characters
    [["[\\u0300-\\u036f]", "gu"], ""],
    ...Object.entries(FOLD).flatMap(([base, letters]) => [
      [[`[${letters}]`, "gu"], base],
      [[`[${letters.toUpperCase()}]`, "gu"], base.toUpperCase()],
    ]),
    // punctuation and symbols separate words, as in slugify_vi ("28.320" -> "28-320")
    [["[^\\p{L}\\p{N}]+", "gu"], " "],
    [["^\\s+", "gu"], ""],
  ];
  const VALUE = JSON.stringify(FORMATTERS);
  const SELECTOR = '[data-controller~="w-slug"]';

  const install = (root) => {
    const inputs = root.matches?.(SELECTOR) ? [root] : [...(root.querySelectorAll?.(SELECTOR) || [])];
    inputs.forEach((input) => {
      if (!input.hasAttribute("data-w-slug-formatters-value")) {
        input.setAttribute("data-w-slug-formatters-value", VALUE);
      }
    });
  };

  install(document);
  new MutationObserver((mutations) => {
    mutations.forEach((mutation) => mutation.addedNodes.forEach(install));
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
