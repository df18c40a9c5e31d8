"""NL205 boilerplate: site furniture (footers, licences, share prompts, related links) in the story."""

from __future__ import annotations

import regex

from lint import hookimpl
from lint.api import Check, Option
from lint.i18n import N_, _, ngettext
from lint.lang import patterns as P
from lint.lang import text as T
from lint.lang.text import lazy as _lazy
from lint.lang.text import rx
from lint.model import Fix

# furniture that makes up a whole line (the line may hold nothing else but a little more furniture)
_LINE = _lazy(
    r"^[\s\u3000]*(?:"
    r"(?P<copyright>(?:Copyright\s*(?:©|\(c\)|\d{4})|©\s*(?:\d{4}|\p{Lu}|\p{Han})|\([cC]\)\s*\d{4}|版权所有\s*[©:：(（]?|Copyright\s*[:：]).{0,120}"
    r"|.{0,60}(?:All [Rr]ights [Rr]eserved|版权所有|未经(?:书面)?(?:许可|授权)(?:[，,])?不得转载|转载请注明(?:出处|来源)|本文(?:系|为).{0,12}(?:原创|独家)).{0,60})"
    r"|(?P<licence>.{0,40}(?:互联网新闻信息服务许可证|网络文化经营许可证|增值电信业务经营许可证|信息网络传播视听节目许可证"
    r"|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP[备证]|公网安备|违法和不良信息举报).{0,80})"
    r"|(?P<editor>[（(【\[]?\s*(?:责任编辑|责编|编辑|值班编辑|审核|校对|监制)\s*[：:]\s*[\p{Han}A-Za-z·_\s]{1,20}\s*[）)】\]]?"
    r"(?:\s*[（(【\[]?\s*(?:责任编辑|责编|编辑|审核|校对|监制)\s*[：:]\s*[\p{Han}A-Za-z·_\s]{1,20}[）)】\]]?)*)"
    r"|(?P<prompt>(?:Continue reading(?: the main story)?|Advertisement|ADVERTISEMENT|Supported by|Story continues below(?: advertisement)?"
    r"|Scroll (?:down )?to continue|Share this (?:article|story|page|post)|Share (?:on|via) (?:Facebook|Twitter|X|WhatsApp|LinkedIn|Email).{0,80}"
    r"|Subscribe to (?:our|the) .{0,40}newsletters?.{0,60}|Sign up (?:for|to) (?:our|the) .{0,40}newsletters?.{0,60}"
    r"|Click here to .{1,60}|Follow us on .{1,60}|Email this (?:story|article|page)? ?to a friend|Printable version|Print this (?:article|page)"
    r"|Read more(?:\s*[:：].{0,100})?|Most (?:Read|Popular)|Top Stories|Comments?\s*\(\d+\)"
    r"|分享到\s*[：:]?.{0,40}|分享至\s*[：:]?.{0,40}|扫(?:描|一扫)?(?:下方|上方)?二维码.{0,40}|(?:欢迎)?关注(?:我们|本报|我们的)?(?:微信|官方)?(?:公众号|微博|微信).{0,40}"
    r"|点击(?:进入|查看|这里|此处|阅读).{0,30}|(?:阅读|查看)原文|返回(?:首页|顶部|搜狐|新浪|网易)?.{0,10}|打印本页|关闭窗口|我要(?:评论|纠错|投稿)"
    r"|【?(?:纠错|打印|关闭|收藏)】?(?:\s*【?(?:纠错|打印|关闭|收藏|分享)】?)*|更多(?:精彩|新闻|内容)?(?:请|尽在).{0,40}|本文来源\s*[：:].{0,40}))"
    r")[\s\u3000]*$"
)
_RELATED = _lazy(
    r"^[\s\u3000]*[【\[［]?(?:相关新闻|相关阅读|相关链接|相关报道|延伸阅读|推荐阅读|热点推荐|相关推荐|热门推荐|更多阅读"
    r"|Related (?:stories|articles|links|topics|coverage|content|news|reading)|More (?:on this story|stories|from [\w ]{1,30})"
    r"|Read more|See also|You may also like|Recommended|Also read|In other news)[】\]］]?\s*[：:]?[\s\u3000]*$",
    regex.I,
)
_KIND = {
    "copyright": N_("Copyright footer"),
    "licence": N_("Licence or registration number"),
    "editor": N_("Editor credit (责任编辑)"),
    "prompt": N_("Site furniture (share, subscribe, advertisement or navigation prompt)"),
}


def _link_like(s: str, lang_zh: bool) -> bool:
    s = s.strip()
    if not s or len(s) > (40 if lang_zh else 110):
        return False
    if rx(r"https?://|www\.").search(s):
        return True
    if rx(r"^(?:[-*•·▪◦>]|\d{1,2}[.、)])\s*\S").match(s):
        return True
    return not T.ends_sentence(s) and not rx(r"[，,；;]\s*\S.*[，,；;]").search(s)


class Boilerplate(Check):
    """## What it does
    Flags site furniture that is not part of the story: copyright footers
    (版权所有, All rights reserved), licence and registration numbers
    (互联网新闻信息服务许可证, 京ICP备…号, 公网安备), editor credits (责任编辑：…),
    teaser links (［详细］, [全文]), prompts ("Continue reading the main story",
    "Advertisement", "Share this article", "Subscribe to our newsletter",
    分享到：微信 微博, 扫描二维码关注), and related-links lists (a heading such as
    相关新闻 / Related stories / Read more followed by a run of short link-like
    lines).

    ## Why is this bad?
    Text scraped from a web page carries the page's furniture with it. Printed
    or syndicated, it tells the reader to click links that are not there and
    credits an editor of another publication.

    ## Example
    ```
    市民可通过官方网站预约入园。［详细］
    责任编辑：王小明
    ```
    ```
    The park opens on Monday.
    Advertisement
    Related stories
    Council approves park budget
    Riverside path to close for repairs
    ```
    Fix (unsafe): remove the furniture. ［详细］-style teaser marks are removed
    safely.
    """

    name = "boilerplate"
    code = "NL205"
    summary = N_("Site furniture: copyright footers, licence numbers, 责任编辑, teaser links, prompts, related links.")
    severity = "warning"
    options = {
        "related-links": True,
        "max-related-lines": Option(12, min=1),
        "editor-credit": True,
    }

    def check(self, doc, ctx):
        text = doc.text
        opts = self.options
        zh = doc.lang == "zh"
        nlines = doc.line_count
        ln = 1
        while ln <= nlines:
            line = doc.line(ln)
            s = text[line.start : line.end]
            if not s.strip():
                ln += 1
                continue
            for m in P.TEASER_MARK.finditer(s):
                a, b = line.start + m.start(), line.start + m.end()
                ctx.report(
                    a,
                    b,
                    _("Teaser link {link} left in the copy", link=m.group()),
                    fix=Fix.delete(a, b, _("Remove {text}", text=m.group()), "safe"),
                )
            if opts["related-links"] and _RELATED.match(s):
                # a run of short, link-like lines (blank lines allowed between them)
                k = ln + 1
                last = ln
                count = 0
                while k <= nlines and count < int(opts["max-related-lines"]):
                    t = doc.line_text(k)
                    if not t.strip():
                        k += 1
                        continue
                    if not _link_like(t, zh) or _LINE.match(t) or _RELATED.match(t):
                        break
                    last = k
                    count += 1
                    k += 1
                if count >= 2 or count >= 1 and last == self._last_content(doc):
                    e = doc.line(last).end
                    ctx.report(
                        line.start + len(s) - len(s.lstrip()),
                        e,
                        ngettext(
                            "Related-links list ({n} link) left in the story",
                            "Related-links list ({n} links) left in the story",
                            count,
                        ),
                        fix=Fix.delete(line.start, e, _("Remove the related-links list"), "unsafe"),
                    )
                    ln = last + 1
                    continue
            m = _LINE.match(s)
            if m and m.lastgroup:
                kind = m.lastgroup
                if kind == "editor" and (not opts["editor-credit"] or not self._editor_ok(doc, ln)):
                    ln += 1
                    continue
                a = line.start + len(s) - len(s.lstrip())
                b = line.start + len(s.rstrip())
                ctx.report(
                    a,
                    b,
                    _("{kind}: not part of the story", kind=_(_KIND[kind])),
                    fix=Fix.delete(line.start, min(line.end + 1, len(text)), _("Remove the line"), "unsafe"),
                )
            else:
                # a footer glued to the end of the last paragraph: （责任编辑：王小明）
                em = "编" in s and rx(r"[（(【\[]\s*(?:责任编辑|责编)\s*[：:][^）)】\]\n]{1,20}[）)】\]]\s*$").search(s)
                if em and opts["editor-credit"]:
                    a, b = line.start + em.start(), line.start + len(s.rstrip())
                    ctx.report(
                        a,
                        b,
                        _("{kind}: not part of the story", kind=_(_KIND["editor"])),
                        fix=Fix.delete(a, b, _("Remove the editor credit"), "unsafe"),
                    )
            ln += 1

    @staticmethod
    def _last_content(doc) -> int:
        n = doc.line_count
        while n > 1 and not doc.line_text(n).strip():
            n -= 1
        return n

    @staticmethod
    def _editor_ok(doc, ln: int) -> bool:
        """编辑：… is a byline at the top of a story; as furniture it sits after the body."""
        s = doc.line_text(ln).strip()
        if rx(r"[（(【\[]?\s*(?:责任编辑|责编|值班编辑|监制)").match(s):
            return True
        # plain 编辑：/审核：/校对： only in the last lines of the file (at most 3 non-blank lines after it)
        k = doc.line_count
        seen = 0
        while k > ln and seen <= 3:
            if doc.line_text(k).strip():
                seen += 1
            k -= 1
        return seen <= 3


@hookimpl
def newslint_register_checks():
    return [Boilerplate]
