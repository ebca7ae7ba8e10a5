// Article extraction against hand-written pages modelled on real news sites (fixtures/articles/): each
// carries the furniture Readability has to see past — cookie banners, menus, share buttons, ad slots,
// related links, comment teasers, footers — and its metadata in one of the ways sites publish it
// (JSON-LD, Open Graph, microdata, plain <meta>). The expectations were read off the pages by hand.
import { readFileSync } from "node:fs";
import http from "node:http";
import { type AddressInfo } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalizeText, paragraphs } from "@/lib/core/text";
import {
  type ExtractedArticle,
  extractArticleFromFile,
  extractArticleFromHtml,
  extractArticleFromPage,
  extractArticleHere,
  htmlToPlainText,
  nestingEstimate,
  normaliseDate,
  stripSiteName,
} from "./article-extract";
import { AppError } from "./errors";
import { makeDocx } from "./fixtures/make-docx";
import { fetchPage } from "./web-fetch";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/articles/${name}`, import.meta.url));
const fixtureText = (name: string) => fixture(name).toString("utf8");

function paragraphTexts(text: string): string[] {
  return paragraphs(text).map((p) => p.text);
}

function expectNoBoilerplate(article: ExtractedArticle, boilerplate: string[]) {
  for (const phrase of boilerplate) expect(article.text, phrase).not.toContain(phrase);
}

describe("extractArticleFromHtml: an English wire story (JSON-LD in an @graph, a relative canonical link)", () => {
  const pageUrl = "https://www.steppewire.example/world/asia/2022/01/08/tokayev-putin-call-kazakhstan-stabilising/?utm_source=feed";

  it("reads the metadata", async () => {
    const article = await extractArticleFromHtml(fixtureText("en-wire-kazakhstan.html"), pageUrl);
    expect({ ...article, text: undefined }).toEqual({
      title: "Tokayev tells Putin situation in Kazakhstan is ‘stabilising’",
      byline: "Aliya Nurpeisova and Mark Devlin",
      publisher: "Steppe Wire",
      publishedOn: "2022-01-08",
      url: "https://www.steppewire.example/world/asia/2022/01/08/tokayev-putin-call-kazakhstan-stabilising/",
      text: undefined,
      language: "en-GB",
    });
  });

  it("keeps exactly the story's paragraphs, with the subheading, the quote and the <br> inside a paragraph", async () => {
    const article = await extractArticleFromHtml(fixtureText("en-wire-kazakhstan.html"), pageUrl);
    expect(article.text).toBe(
      [
        "Kazakhstan President Kassym-Jomart Tokayev and his Russian counterpart Vladimir Putin on Saturday exchanged views on measures taken “to restore order” in the Central Asian state amid ongoing unrest. According to the Kremlin, Putin and Tokayev spoke on the phone, and the Kazakh President “extensively informed” the Russian leader about the developments in the country.",
        "Tokayev told Putin that the situation in Kazakhstan is “stabilising” after the protests over the doubling of fuel prices turned into violent riots across the nation.",
        "The Kremlin said in a statement that Tokayev also expressed gratitude to “Kazakhstan’s partners from the Collective Security Treaty Organisation (CSTO) and especially the Russian Federation for the assistance being rendered.” The Russian-led alliance reportedly sent a force of about 2,500 soldiers to Kazakhstan after the Central Asian state’s leader requested assistance.",
        "“Kassym-Jomart Tokayev believes that a discussion between the leaders of the CSTO member states is necessary at the current stage,” the statement said. “The leaders agreed to maintain constant contact.”",
        "Over 4,200 people detained",
        "As Kazakhstan continues to be rocked by unrest, more than 4,200 people have been detained in the country, according to the interior ministry. The unrest began last week, triggered by a sharp increase in fuel prices, with people flooding the streets in Zhanaozen and Aktau before protests spread to the rest of the country.",
        "“A total of 4,266 people have been taken to police,” the ministry said in a statement.\n“In one of the villages of the Almaty Region, more than 100 people have been detained.”",
        "The detentions followed a televised address on Friday in which Tokayev authorised the security forces to open fire on those taking part in the unrest. Dozens of people have been killed in the country’s worst street protests since it gained independence from the Soviet Union three decades ago.",
        "Reporting by Aliya Nurpeisova in Almaty and Mark Devlin in Moscow; editing by Joanna Pike.",
      ].join("\n\n"),
    );
    expectNoBoilerplate(article, [
      "Accept cookies",
      "Skip to content",
      "Subscribe",
      "Share on Facebook",
      "Email this story",
      "Related articles",
      "Kazakhstan cuts internet access",
      "Advertisement",
      "Topics:",
      "Comments (214)",
      "Join the conversation",
      "Most read",
      "All rights reserved",
      "Privacy policy",
      "By Aliya",
    ]);
  });

  it("takes the canonical URL, else the page's own URL, else none", async () => {
    const withoutCanonical = fixtureText("en-wire-kazakhstan.html").replace(/<link rel="canonical"[^>]*>/, "");
    expect((await extractArticleFromHtml(withoutCanonical, pageUrl)).url).toBe(pageUrl);
    expect((await extractArticleFromHtml(withoutCanonical)).url).toBeNull();
    // A relative canonical link with nothing to resolve it against is no URL.
    expect((await extractArticleFromHtml(fixtureText("en-wire-kazakhstan.html"))).url).toBeNull();
    expect((await extractArticleFromHtml(withoutCanonical, "javascript:alert(1)")).url).toBeNull();
  });
});

describe("extractArticleFromHtml: a German local paper (Open Graph, article:published_time, meta author)", () => {
  it("reads the metadata and the text, without the cookie wall, ads, paywall teaser or footer", async () => {
    const article = await extractArticleFromHtml(fixtureText("de-lokalzeitung.html"), "https://www.tageblatt-hohenmoor.example/lokales/a-48213.html");
    expect({ ...article, text: undefined }).toEqual({
      title: "Stadtrat beschließt kostenloses Schülerticket",
      byline: "Katrin Albers",
      publisher: "Hohenmoorer Tageblatt",
      publishedOn: "2023-09-14",
      url: "https://www.tageblatt-hohenmoor.example/lokales/stadtrat-beschliesst-kostenloses-schuelerticket-a-48213.html",
      text: undefined,
      language: "de",
    });
    expect(article.text).toBe(
      [
        "Hohenmoor. Schülerinnen und Schüler in Hohenmoor fahren vom kommenden Schuljahr an kostenlos mit Bus und Stadtbahn. Der Stadtrat hat am Donnerstagabend mit 31 zu 12 Stimmen beschlossen, die Kosten für das Schülerticket vollständig aus dem städtischen Haushalt zu übernehmen.",
        // &nbsp; becomes a space and the soft hyphen in "Neu&shy;regelung" goes.
        "Bisher zahlten Familien für das Jahresabo 312 Euro pro Kind. Nach Angaben der Verwaltung profitieren rund 9.400 Kinder und Jugendliche von der Neuregelung. Die Stadt rechnet mit Mehrkosten von knapp 2,9 Millionen Euro im Jahr.",
        "Kritik an der Finanzierung",
        "Die Opposition warf der Ratsmehrheit vor, die Finanzierung nicht gesichert zu haben. „Wir sind nicht gegen ein kostenloses Ticket, aber wir wissen nicht, woher das Geld im übernächsten Jahr kommen soll“, sagte die Fraktionsvorsitzende Petra Lindner.",
        "Oberbürgermeister Jens Hartwig verteidigte den Beschluss. Ein Teil der Kosten werde durch geringere Ausgaben für den Schulbusverkehr gedeckt, den die Stadt bislang selbst organisiert habe. Zudem hoffe man auf Fördermittel des Landes.",
        "Das kostenlose Ticket gilt ab dem 1. August. Eltern müssen es nicht beantragen: Die Schulen geben die Fahrkarten zu Beginn des Schuljahres aus.",
      ].join("\n\n"),
    );
    expectNoBoilerplate(article, ["Alle akzeptieren", "Privatsphäre", "Auf Facebook teilen", "Mehr zum Thema", "Anzeige", "Jetzt abonnieren", "Kommentare", "Meistgelesen", "Impressum"]);
  });
});

describe("extractArticleFromHtml: a French regional site (microdata, <time>, og:url, a list)", () => {
  it("reads the metadata and the text", async () => {
    const article = await extractArticleFromHtml(fixtureText("fr-microdata.html"), "https://www.echoduval.example/?p=18342");
    expect({ ...article, text: undefined }).toEqual({
      title: "La médiathèque de Saint-Aubin-des-Prés rouvre après deux ans de travaux",
      byline: "Claire Dumont",
      publisher: "L’Écho du Val",
      publishedOn: "2024-03-02",
      url: "https://www.echoduval.example/culture/2024/03/02/la-mediatheque-de-saint-aubin-rouvre",
      text: undefined,
      language: "fr-FR",
    });
    const texts = paragraphTexts(article.text);
    expect(texts).toHaveLength(9);
    // The photo's caption stays (it is the article's text); the photo itself drops out.
    expect(texts[0]).toBe("La nouvelle salle de lecture, au premier étage. Photo : Claire Dumont");
    expect(texts.slice(3, 7)).toEqual([
      "Les horaires d’ouverture sont élargis\u202f:",
      "mardi et jeudi\u202f: de 13 h à 19 h\u202f;",
      "mercredi et samedi\u202f: de 10 h à 18 h\u202f;",
      "vendredi\u202f: de 13 h à 20 h.",
    ]);
    expect(texts.at(-1)).toBe(
      "Une journée portes ouvertes est prévue samedi, avec des lectures pour les enfants à 11 heures et un concert de l’école de musique à 16 heures.",
    );
    expectNoBoilerplate(article, ["cookies", "Tout accepter", "Partager sur", "Publicité", "Mots-clés", "À lire aussi", "Article précédent", "Laisser un commentaire", "Mentions légales"]);
  });
});

describe("a Russian page in windows-1251 (http-equiv charset, JSON-LD as a top-level array)", () => {
  const bytes = fixture("ru-windows-1251.html");
  const expected = {
    title: "В Заречном открыли мост через Каменку",
    byline: "Ирина Соколова",
    publisher: "Заречные вести",
    publishedOn: "2021-11-19",
    url: "https://zarvesti.example/news/2021/11/19/most-cherez-kamenku.html",
    language: "ru",
  };

  function expectRussianArticle(article: ExtractedArticle) {
    expect({ ...article, text: undefined }).toEqual({ ...expected, text: undefined });
    const texts = paragraphTexts(article.text);
    expect(texts).toHaveLength(5);
    expect(texts[0]).toBe(
      "В пятницу в Заречном открыли движение по новому мосту через реку Каменку. Строительство продолжалось три года и обошлось областному бюджету в 1,2 млрд рублей.",
    );
    expect(texts[2]).toBe("«Теперь дорога из нового микрорайона в центр займёт десять минут вместо сорока», — сказал на открытии глава города Николай Ершов.");
    expect(texts[4]).toBe("Автобусные маршруты № 3 и № 12 переведут на новый мост с 1 декабря.");
    expectNoBoilerplate(article, ["cookie", "Понятно", "Новости |", "Поделиться", "ВКонтакте", "Комментарии", "Читайте также", "Реклама", "перепечатке", "Автор:", "19 ноября 2021"]);
  }

  it("is stored in windows-1251, not UTF-8", () => {
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
  });

  it("imports as an uploaded file, decoded by its <meta http-equiv>", async () => {
    expectRussianArticle(await extractArticleFromFile("most.html", bytes));
  });

  it("imports from the web, decoded by web-fetch, whether the server names the charset or not", async () => {
    const server = http.createServer((req, res) => {
      res.writeHead(200, { "content-type": req.url === "/named" ? "text/html; charset=windows-1251" : "text/html" });
      res.end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      for (const path of ["/named", "/unnamed"]) {
        const page = await fetchPage(`http://127.0.0.1:${port}${path}`, { allowPrivate: true });
        expect(page.charset).toBe("windows-1251");
        expectRussianArticle(await extractArticleFromPage(page));
      }
    } finally {
      server.close();
    }
  });
});

describe("extractArticleFromHtml: an Arabic page (right to left, meta author and date, no canonical link)", () => {
  it("reads the metadata and the text", async () => {
    const pageUrl = "https://alwadi.example/culture/2023/06/05/digital-library/";
    const article = await extractArticleFromHtml(fixtureText("ar-rtl.html"), pageUrl);
    expect({ ...article, text: undefined }).toEqual({
      title: "افتتاح أول مكتبة عامة رقمية في مدينة الواحة",
      byline: "سارة الخطيب",
      publisher: "صحيفة الوادي",
      publishedOn: "2023-06-05",
      url: pageUrl,
      text: undefined,
      language: "ar",
    });
    const texts = paragraphTexts(article.text);
    expect(texts).toHaveLength(5);
    expect(texts[0]).toBe(
      "افتتحت بلدية مدينة الواحة، صباح الاثنين، أول مكتبة عامة رقمية في المدينة، بعد عامين من أعمال البناء والتجهيز، بتكلفة بلغت نحو أربعة ملايين دينار.",
    );
    expect(texts[4]).toBe("وتفتح المكتبة أبوابها يومياً من التاسعة صباحاً حتى التاسعة مساءً، باستثناء يوم الجمعة.");
    expectNoBoilerplate(article, ["ملفات تعريف الارتباط", "موافق", "عاجل", "بقلم", "شارك على", "إعلان", "أخبار ذات صلة", "جميع الحقوق محفوظة"]);
  });
});

describe("extractArticleFromHtml: the lines above an article", () => {
  it("leaves out a 'By …' line when the page's metadata names the author, and a repeated headline", async () => {
    const body = Array.from({ length: 4 }, (_, i) => `<p>Paragraph ${i + 1} of the report on the deployment of about 2,500 soldiers to Kazakhstan, with enough words to count.</p>`).join("");
    const html = `<html><head><title>Troops arrive</title><meta name="author" content="Dana Reporter"></head><body><article><h1>Troops arrive</h1><p class="byline">By Dana Reporter</p>${body}</article></body></html>`;
    const article = await extractArticleFromHtml(html, "https://wire.example/troops");
    expect(article.byline).toBe("Dana Reporter");
    expect(article.text.startsWith("Paragraph 1 of the report")).toBe(true);
    // A paragraph that only mentions the author further down stays.
    const mention = html.replace("</article>", "<p>Dana Reporter</p><p>By Dana Reporter</p></article>");
    expect((await extractArticleFromHtml(mention, "https://wire.example/troops")).text).toMatch(/Dana Reporter\n\nBy Dana Reporter$/);
  });
});

describe("extractArticleFromHtml: pages that are not articles", () => {
  it.each(["not-article-home.html", "not-article-login.html"])("refuses %s", async (name) => {
    const refusal = extractArticleFromHtml(fixtureText(name), "https://www.steppewire.example/");
    await expect(refusal).rejects.toBeInstanceOf(AppError);
    await expect(refusal).rejects.toMatchObject({ code: "not_an_article", message: "No article text was found on this page." });
  });

  it("refuses an empty page, a page of text too short to be an article, and something that is not HTML at all", async () => {
    for (const html of ["", "<p>Breaking: more soon.</p>", "%PDF-1.7 \u0000\u0001 binary"]) {
      await expect(extractArticleFromHtml(html)).rejects.toMatchObject({ code: "not_an_article" });
    }
  });

  it("runs no script of the page", async () => {
    const html = fixtureText("en-wire-kazakhstan.html").replace("</body>", "<script>document.body.innerHTML = '<p>replaced</p>';</script></body>");
    expect((await extractArticleFromHtml(html)).text).toContain("Kassym-Jomart Tokayev");
  });
});

describe("extractArticleFromHtml: large pages go to a worker thread", () => {
  // A page over 200 KB, with the bulk in a comment section of many elements, as long threads are.
  const comments = Array.from({ length: 2500 }, (_, i) => `<li class="comment"><a href="/u/${i}">reader${i}</a> <span>Comment number ${i}.</span></li>`).join("");
  const largePage = fixtureText("en-wire-kazakhstan.html").replace("</main>", `<section id="comments" class="comments"><ol>${comments}</ol></section></main>`);

  it("gives the same article as extraction on this thread, while the event loop keeps turning", async () => {
    expect(largePage.length).toBeGreaterThan(200 * 1024);
    let ticks = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      ticks++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const article = await extractArticleFromHtml(largePage, "https://www.steppewire.example/a");
    running = false;
    expect(article).toEqual(extractArticleHere(largePage, "https://www.steppewire.example/a"));
    expect(article.text).not.toContain("Comment number");
    expect(ticks).toBeGreaterThan(10);
  });

  it("passes a refusal back as an AppError", async () => {
    const links = Array.from({ length: 4000 }, (_, i) => `<li><a href="/story/${i}">Headline number ${i} of the day</a></li>`).join("");
    const home = fixtureText("not-article-home.html").replace("</main>", `<section><ul>${links}</ul></section></main>`);
    expect(home.length).toBeGreaterThan(200 * 1024);
    const refusal = extractArticleFromHtml(home);
    await expect(refusal).rejects.toBeInstanceOf(AppError);
    await expect(refusal).rejects.toMatchObject({ code: "not_an_article" });
  });
});

describe("extractArticleFromHtml: pages built to be slow", () => {
  it("estimates nesting from the tags, not counting void elements or stray end tags", () => {
    expect(nestingEstimate("<div><p>a<br><img src=x></p><p>b</p></div>")).toBe(2);
    expect(nestingEstimate(`${"</div>".repeat(100)}${"<div>".repeat(5)}`)).toBe(5);
    expect(nestingEstimate("a < b and 1<2")).toBe(0);
  });

  it("refuses, on the worker and within the time limit, a page nested too deeply to parse", async () => {
    const depth = 20_000;
    const html = `<html><body>${"<div>".repeat(depth)}<p>${"Deep text. ".repeat(40)}</p>${"</div>".repeat(depth)}</body></html>`;
    const started = Date.now();
    await expect(extractArticleFromHtml(html, undefined, { timeLimitMs: 3000 })).rejects.toMatchObject({
      code: "not_an_article",
      message: "This page is too large or complex to read as an article.",
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("htmlToPlainText", () => {
  it.each([
    ["<p>one</p><p>two</p>", "one\n\ntwo"],
    ["<p>  spread \n  over\tlines  </p>", "spread over lines"],
    ["<p>line one<br>line two<br/></p>", "line one\nline two"],
    ["<p>a<br><br>b</p>", "a\n\nb"],
    ["<ul><li>first</li><li>second <b>bold</b></li></ul><ol><li>third</li></ol>", "first\n\nsecond bold\n\nthird"],
    ["<div>direct text<p>a paragraph</p>tail text</div>", "direct text\n\na paragraph\n\ntail text"],
    ["<h2>Heading</h2>text after it", "Heading\n\ntext after it"],
    ["<blockquote><p>quoted</p></blockquote><p>after</p>", "quoted\n\nafter"],
    ["<pre>  indented\n    code\n</pre>", "  indented\n    code"],
    ["<table><tr><th>Region</th><th>Detained</th></tr><tr><td><p>Almaty</p></td><td>1,200</td></tr></table>", "Region\tDetained\n\nAlmaty\t1,200"],
    ["<figure><img src=x.jpg alt=photo></figure><p>text</p>", "text"],
    ["<figure><img src=x.jpg><figcaption>The caption</figcaption></figure>", "The caption"],
    ["<p>visible</p><script>var x = 'script';</script><style>p{}</style><p hidden>hidden</p>", "visible"],
    ["<p>no&nbsp;break, soft&shy;hyphen, zero\u200bwidth</p>", "no break, softhyphen, zerowidth"],
    ["<p>e\u0301</p>", "é"],
    ["", ""],
  ])("%j → %j", (html, text) => {
    expect(htmlToPlainText(html)).toBe(text);
  });

  it("walks deep nesting without recursion", () => {
    const depth = 1500;
    expect(htmlToPlainText(`${"<div><span>".repeat(depth)}deep${"</span></div>".repeat(depth)}`)).toBe("deep");
  });

  it("never throws and always returns canonical text", () => {
    const tag = fc.constantFrom("p", "div", "br", "li", "ul", "pre", "td", "tr", "table", "h1", "span", "b", "script", "img", "figcaption");
    const htmlish = fc.array(
      fc.oneof(
        fc.string(),
        fc.constantFrom(" ", "\n", "\t", "\u00a0", "\u00ad", "\r\n", "&nbsp;", "&amp;", "e\u0301"),
        tag.map((t) => `<${t}>`),
        tag.map((t) => `</${t}>`),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), htmlish.map((parts) => parts.join(""))), (html) => {
        const text = htmlToPlainText(html);
        expect(canonicalizeText(text)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe("normaliseDate", () => {
  it.each([
    ["2022-01-08", "2022-01-08"],
    ["2022-01-08T21:40:00+06:00", "2022-01-08"],
    ["2022-01-08T23:30:00-05:00", "2022-01-08"],
    ["2022/01/08", "2022-01-08"],
    ["20220108", "2022-01-08"],
    ["Sat, 08 Jan 2022 10:00:00 GMT", "2022-01-08"],
    ["8 January 2022", "2022-01-08"],
    ["  2024-02-29 ", "2024-02-29"],
    ["2023-02-29", null],
    ["2022-13-01", null],
    ["08.01.2022", null],
    ["January 8, 2022", null],
    ["yesterday", null],
    ["", null],
    [undefined, null],
    ["0000-01-01", null],
  ])("%j → %j", (value, date) => {
    expect(normaliseDate(value)).toBe(date);
  });
});

describe("stripSiteName", () => {
  it.each([
    ["Headline | Site", "Site", "Headline"],
    ["Headline - Site", "site", "Headline"],
    ["Headline – L’Écho du Val", "L’Écho du Val", "Headline"],
    ["Headline :: Заречные вести", "Заречные вести", "Headline"],
    ["Headline | Another Site", "Site", "Headline | Another Site"],
    ["Site", "Site", "Site"],
    ["Headline | Site", null, "Headline | Site"],
  ])("%j without %j → %j", (title, site, expected) => {
    expect(stripSiteName(title, site)).toBe(expected);
  });
});

describe("extractArticleFromFile: plain text", () => {
  const body = "Paragraph one of the text.\r\nStill paragraph one.\r\n\r\n\r\nParagraph two.  \r\n";

  it("takes a short first line as the title and the rest as canonical text", async () => {
    const bytes = new TextEncoder().encode(`\uFEFF\n  Fuel protests in Kazakhstan  \n\n${body}`);
    expect(await extractArticleFromFile("notes.txt", bytes)).toEqual({
      title: "Fuel protests in Kazakhstan",
      byline: null,
      publisher: null,
      publishedOn: null,
      url: null,
      text: "Paragraph one of the text.\nStill paragraph one.\n\nParagraph two.",
      language: null,
    });
  });

  it("takes the title from the file name when the first line is long or all there is", async () => {
    const longLine = "A first line that is a whole paragraph. ".repeat(6).trim();
    const article = await extractArticleFromFile("drafts/kazakhstan unrest.txt", new TextEncoder().encode(`${longLine}\n\nMore.`));
    expect(article).toMatchObject({ title: "kazakhstan unrest", text: `${longLine}\n\nMore.` });
    expect(await extractArticleFromFile("C:\\notes\\one line.TXT", new TextEncoder().encode("Just one line."))).toMatchObject({ title: "one line", text: "Just one line." });
  });

  it("is recognised by its media type when the name has no extension", async () => {
    expect(await extractArticleFromFile("upload", new TextEncoder().encode("Title\n\nText."), "text/plain; charset=utf-8")).toMatchObject({ title: "Title", text: "Text." });
  });

  it("refuses an empty file", async () => {
    await expect(extractArticleFromFile("empty.txt", new Uint8Array())).rejects.toMatchObject({ code: "not_an_article" });
    await expect(extractArticleFromFile("blank.txt", new TextEncoder().encode(" \n\n \t\n"))).rejects.toMatchObject({ code: "not_an_article" });
  });

  it("reads a fetched plain-text page with its URL", async () => {
    const article = await extractArticleFromPage({ url: "https://example.org/statements/2022-01-08.txt", contentType: "text/plain", body: "Statement\n\nThe ministry said." });
    expect(article).toMatchObject({ title: "Statement", text: "The ministry said.", url: "https://example.org/statements/2022-01-08.txt" });
  });
});

describe("extractArticleFromFile: Markdown", () => {
  it("converts the fixture: front matter, headings, emphasis, links, images, lists, quote, code", async () => {
    const article = await extractArticleFromFile("timeline.md", fixture("timeline.md"));
    expect(article).toEqual({
      title: "Fuel prices and the January protests: a timeline",
      byline: "Aliya Nurpeisova",
      publisher: null,
      publishedOn: "2022-01-10",
      url: null,
      language: null,
      text: [
        "The protests began in the oil town of Zhanaozen after the price of liquefied petroleum gas roughly doubled on 1 January. This timeline follows the interior ministry's statements and reports by our correspondents.",
        "What happened",
        "2 January: protests start in Zhanaozen.",
        "4 January: protests spread to Almaty and other cities.",
        "5 January: the government resigns; a state of emergency is declared. The internet is cut off across the country.",
        "The CSTO sends troops at the president's request.",
        '"A total of 4,266 people have been taken to police," the ministry said on 8 January.',
        "Key figures",
        "Detained: 4,266 people",
        "Troops sent by the CSTO: about 2,500",
        "The ministry's data feed looks like this:",
        '{ "detained": 4266, "date": "2022-01-08" }',
        "Prices are quoted in tenge (KZT); the snake_case field names and 2 * 3 stay as written.",
      ].join("\n\n"),
    });
  });

  it("takes the first H1 as the title without front matter, and keeps hard line breaks", async () => {
    const source = "Intro line before the title.\n\n# The *real* title #\n\nFirst line  \nsecond line\\\nthird line\nsoft-wrapped.\n\n# A second H1\n\n~~~\ncode ~~~ kept\n~~~";
    const article = await extractArticleFromFile("x.markdown", new TextEncoder().encode(source));
    expect(article.title).toBe("The real title");
    expect(article.text).toBe("Intro line before the title.\n\nFirst line\nsecond line\nthird line soft-wrapped.\n\nA second H1\n\ncode ~~~ kept");
  });

  it("reads a year at the start of a wrapped line as text, and numbered items as a list", async () => {
    const source = "Orwell's novel is set in\n1984. It was published in 1949.\n\n3. third\n4. fourth\n\n+ plus item\n- [x] done task";
    expect((await extractArticleFromFile("x.md", new TextEncoder().encode(source))).text).toBe(
      "Orwell's novel is set in 1984. It was published in 1949.\n\nthird\n\nfourth\n\nplus item\n\ndone task",
    );
  });

  it("keeps an H1 that differs from the front matter's title", async () => {
    const source = "---\ntitle: 'From the front matter'\nauthor: [Ann Lee, Bo Chen]\ndate: not a date\n---\n# A heading\n\nText.";
    expect(await extractArticleFromFile("x.md", new TextEncoder().encode(source), "text/markdown")).toMatchObject({
      title: "From the front matter",
      byline: "Ann Lee, Bo Chen",
      publishedOn: null,
      text: "A heading\n\nText.",
    });
  });

  it("converts hostile Markdown in linear time", async () => {
    const hostile = [
      "[".repeat(200_000),
      "](".repeat(100_000),
      "`".repeat(1000) + "x`".repeat(100_000),
      Array.from({ length: 2000 }, (_, i) => "`".repeat(i + 1)).join("a"),
      "*a".repeat(100_000),
      "<!--".repeat(50_000),
      "> ".repeat(100_000) + "deep quote",
      `${"- ".repeat(50_000)}item`,
    ];
    for (const source of hostile) {
      const started = performance.now();
      await extractArticleFromFile("hostile.md", new TextEncoder().encode(source)).catch((error: unknown) => {
        expect(error).toMatchObject({ code: "not_an_article" });
      });
      expect(performance.now() - started, source.slice(0, 20)).toBeLessThan(2000);
    }
  });
});

describe("extractArticleFromFile: Word", () => {
  const body = [
    { heading: 1 as const, text: "Kazakhstan: what we know" },
    { paragraph: [{ text: "Protests began on " }, { text: "2 January", bold: true }, { text: " in Zhanaozen.", breakAfter: true }, { text: "They spread within days.", italic: true }] },
    { image: true as const },
    { heading: 2 as const, text: "Timeline" },
    { bullets: ["Fuel prices doubled", "The government resigned"] },
    { numbered: ["State of emergency", "CSTO troops arrive"] },
    { table: [["Region", "Detained"], ["Almaty", "1,200"]] },
    { paragraph: "Figures from the interior ministry & police." },
  ];
  const text = [
    "Protests began on 2 January in Zhanaozen.\nThey spread within days.",
    "Timeline",
    "Fuel prices doubled",
    "The government resigned",
    "State of emergency",
    "CSTO troops arrive",
    "Region\tDetained",
    "Almaty\t1,200",
    "Figures from the interior ministry & police.",
  ].join("\n\n");

  it("reads the title and author from the document properties, and the whole text", async () => {
    const bytes = await makeDocx({ title: "Kazakhstan: what we know", creator: "Aliya Nurpeisova", created: "2022-01-09T10:00:00Z", body });
    expect(await extractArticleFromFile("report.docx", bytes)).toEqual({
      title: "Kazakhstan: what we know",
      byline: "Aliya Nurpeisova",
      publisher: null,
      // The file's creation date is not a publication date.
      publishedOn: null,
      url: null,
      text,
      language: null,
    });
  });

  it("takes the first heading as the title without a dc:title, then the file name", async () => {
    const withHeading = await makeDocx({ body });
    expect(await extractArticleFromFile("report.docx", withHeading)).toMatchObject({ title: "Kazakhstan: what we know", byline: null, text });
    const withoutHeading = await makeDocx({ body: body.slice(1).filter((block) => !("heading" in block)) });
    expect(await extractArticleFromFile("Weekly report.docx", withoutHeading)).toMatchObject({ title: "Weekly report" });
  });

  it("keeps the first heading in the text when the title says something else", async () => {
    const bytes = await makeDocx({ title: "Desk memo", body });
    expect((await extractArticleFromFile("memo.docx", bytes)).text).toBe(`Kazakhstan: what we know\n\n${text}`);
  });

  it("refuses a file that is not a .docx, by name or by media type", async () => {
    await expect(extractArticleFromFile("fake.docx", new TextEncoder().encode("not a zip"))).rejects.toMatchObject({ code: "unsupported_media_type" });
    const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    await expect(extractArticleFromFile("upload", new TextEncoder().encode("PK\u0003\u0004 broken"), docxType)).rejects.toMatchObject({ code: "unsupported_media_type" });
  });

  it("refuses a .docx that unpacks to more than 50 MB", async () => {
    const bomb = await makeDocx({ body: [] }, `<w:document xmlns:w="x">${" ".repeat(60 * 1024 * 1024)}</w:document>`);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(extractArticleFromFile("bomb.docx", bomb)).rejects.toMatchObject({ code: "payload_too_large" });
  });
});

describe("extractArticleFromFile: what it refuses", () => {
  it.each([
    ["report.pdf", undefined],
    ["photo.png", "image/png"],
    ["upload", "application/octet-stream"],
    ["noextension", undefined],
  ])("refuses %s (%s) as unsupported", async (name, type) => {
    await expect(extractArticleFromFile(name, new Uint8Array([1, 2, 3]), type)).rejects.toMatchObject({
      code: "unsupported_media_type",
      message: "Import takes HTML, plain text, Markdown or Word (.docx) files.",
    });
  });

  it("refuses a file over 5 MB", async () => {
    await expect(extractArticleFromFile("big.txt", new Uint8Array(5 * 1024 * 1024 + 1))).rejects.toMatchObject({ code: "payload_too_large" });
  });
});
