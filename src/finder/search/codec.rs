//! The index as the browser downloads and keeps it: a compact binary form (variable-length
//! numbers, front-coded stems), written by the server and read back by the browser into the
//! very same [`SearchIndex`]. Hand-written rather than serde: it keeps the download small and
//! serde's machinery out of the WASM.

use super::index::{Alternative, Doc, DocKind, Facets, Phrase, Posting, SearchIndex, Trigger};
use crate::content::model::{Caution, Grade, Group, Urgency};

const MAGIC: &[u8; 4] = b"LRIX";
/// 2: documents carry a topic section's sentences and a warning sign's items.
/// 3: conditions, and the documents a condition's page links.
const FORMAT: u8 = 3;
const NONE: u8 = u8::MAX;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("The saved search index is not one this version of the app can read. Reload the finder while online.")]
    NotAnIndex,
    #[error("The saved search index is damaged ({0}). Reload the finder while online.")]
    Damaged(&'static str),
}

pub fn encode(index: &SearchIndex) -> Vec<u8> {
    let mut out = Writer(Vec::with_capacity(64 * 1024));
    out.0.extend_from_slice(MAGIC);
    out.byte(FORMAT);
    out.number(index.docs.len());
    for doc in &index.docs {
        out.byte(doc.kind as u8);
        out.byte(u8::from(doc.digest));
        for text in [&doc.slug, &doc.anchor, &doc.title, &doc.summary, &doc.label] {
            out.text(text);
        }
        out.texts(&doc.sentences);
        out.texts(&doc.items);
        out.byte(doc.grade.map_or(NONE, |g| position(Grade::ALL, g)));
        out.byte(doc.urgency.map_or(NONE, |u| position(Urgency::ALL, u)));
        out.number(doc.cautions.len());
        for caution in &doc.cautions {
            out.number(usize::from(super::index::bits(Group::ALL, &caution.groups)));
            out.text(&caution.text);
        }
        let facets = doc.facets;
        for bits in [
            facets.situations,
            facets.parts,
            facets.kinds,
            facets.grades,
            facets.purposes,
        ] {
            out.number(usize::from(bits));
        }
        out.number(doc.links.len());
        for &link in &doc.links {
            out.number(usize::from(link));
        }
    }
    out.number(index.stems.len());
    let mut previous = "";
    for stem in &index.stems {
        let shared = previous
            .bytes()
            .zip(stem.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        // Only split on a character boundary.
        let shared = (0..=shared)
            .rev()
            .find(|&n| stem.is_char_boundary(n))
            .unwrap_or(0);
        out.number(shared);
        out.text(&stem[shared..]);
        previous = stem;
    }
    for postings in &index.postings {
        out.number(postings.len());
        let mut last = 0;
        for posting in postings {
            out.number(usize::from(posting.doc - last));
            out.byte(posting.value);
            last = posting.doc;
        }
    }
    for alternatives in &index.alternatives {
        out.alternatives(alternatives);
    }
    out.number(index.phrases.len());
    for phrase in &index.phrases {
        out.stems(&phrase.stems);
        out.alternatives(&phrase.alternatives);
    }
    out.number(index.triggers.len());
    for trigger in &index.triggers {
        out.number(usize::from(trigger.doc));
        out.stems(&trigger.stems);
    }
    out.0
}

pub fn decode(bytes: &[u8]) -> Result<SearchIndex, DecodeError> {
    let mut input = Reader { bytes, at: 0 };
    if input.take(MAGIC.len())? != MAGIC || input.byte()? != FORMAT {
        return Err(DecodeError::NotAnIndex);
    }
    let doc_count = input.count()?;
    let mut docs = Vec::with_capacity(doc_count);
    for _ in 0..doc_count {
        let kind = *DocKind::ALL
            .get(usize::from(input.byte()?))
            .ok_or(DecodeError::Damaged("a document kind"))?;
        let digest = input.byte()? == 1;
        let [slug, anchor, title, summary, label] = [(); 5].map(|()| input.text());
        let sentences = input.texts()?;
        let items = input.texts()?;
        let grade = input.choice(Grade::ALL)?;
        let urgency = input.choice(Urgency::ALL)?;
        let caution_count = input.count()?;
        let mut cautions = Vec::with_capacity(caution_count);
        for _ in 0..caution_count {
            let groups = input.number()?;
            cautions.push(Caution {
                groups: Group::ALL
                    .iter()
                    .enumerate()
                    .filter(|(n, _)| groups & (1 << n) != 0)
                    .map(|(_, g)| *g)
                    .collect(),
                text: input.text()?,
            });
        }
        let [situations, parts, kinds, grades, purposes] = [(); 5].map(|()| input.bits());
        let link_count = input.count()?;
        let mut links = Vec::with_capacity(link_count);
        for _ in 0..link_count {
            links.push(
                u16::try_from(input.number()?)
                    .ok()
                    .filter(|&link| usize::from(link) < doc_count)
                    .ok_or(DecodeError::Damaged("a link"))?,
            );
        }
        docs.push(Doc {
            kind,
            slug: slug?,
            anchor: anchor?,
            title: title?,
            summary: summary?,
            sentences,
            items,
            label: label?,
            grade,
            urgency,
            cautions,
            digest,
            links,
            facets: Facets {
                situations: situations?,
                parts: parts?,
                kinds: kinds?,
                grades: grades?,
                purposes: purposes?,
            },
        });
    }
    let stem_count = input.count()?;
    let mut stems: Vec<String> = Vec::with_capacity(stem_count);
    for _ in 0..stem_count {
        let shared = input.number()?;
        let rest = input.text()?;
        let start = stems
            .last()
            .map_or(Some(""), |previous| previous.get(..shared))
            .ok_or(DecodeError::Damaged("a stem"))?;
        stems.push(format!("{start}{rest}"));
    }
    let mut postings = Vec::with_capacity(stem_count);
    for _ in 0..stem_count {
        let count = input.count()?;
        let mut list = Vec::with_capacity(count);
        let mut doc = 0_usize;
        for _ in 0..count {
            doc += input.number()?;
            if doc >= docs.len() {
                return Err(DecodeError::Damaged("a posting"));
            }
            list.push(Posting {
                doc: doc as u16,
                value: input.byte()?,
            });
        }
        postings.push(list);
    }
    let alternatives = (0..stem_count)
        .map(|_| input.alternatives(stem_count))
        .collect::<Result<Vec<_>, _>>()?;
    let phrase_count = input.count()?;
    let mut phrases = Vec::with_capacity(phrase_count);
    for _ in 0..phrase_count {
        phrases.push(Phrase {
            stems: input.stems(stem_count)?,
            alternatives: input.alternatives(stem_count)?,
        });
    }
    let trigger_count = input.count()?;
    let mut triggers = Vec::with_capacity(trigger_count);
    for _ in 0..trigger_count {
        let doc = input.number()?;
        if doc >= docs.len() {
            return Err(DecodeError::Damaged("a warning sign"));
        }
        triggers.push(Trigger {
            doc: doc as u16,
            stems: input.stems(stem_count)?,
        });
    }
    if input.at != bytes.len() {
        return Err(DecodeError::Damaged("its end"));
    }
    Ok(SearchIndex {
        docs,
        stems,
        postings,
        alternatives,
        phrases,
        triggers,
    })
}

fn position<T: PartialEq + Copy>(all: &[T], value: T) -> u8 {
    all.iter().position(|v| *v == value).unwrap_or(0) as u8
}

struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, byte: u8) {
        self.0.push(byte);
    }

    /// LEB128: seven bits a byte, the top bit set while more follow.
    fn number(&mut self, mut value: usize) {
        loop {
            let low = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                self.0.push(low);
                return;
            }
            self.0.push(low | 0x80);
        }
    }

    fn text(&mut self, text: &str) {
        self.number(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }

    fn texts(&mut self, texts: &[String]) {
        self.number(texts.len());
        for text in texts {
            self.text(text);
        }
    }

    fn stems(&mut self, stems: &[u32]) {
        self.number(stems.len());
        for &stem in stems {
            self.number(stem as usize);
        }
    }

    fn alternatives(&mut self, alternatives: &[Alternative]) {
        self.number(alternatives.len());
        for alternative in alternatives {
            self.number(alternative.stem as usize);
            self.byte(alternative.quality);
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, count: usize) -> Result<&[u8], DecodeError> {
        let end = self
            .at
            .checked_add(count)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(DecodeError::Damaged("it ends too early"))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }

    fn number(&mut self) -> Result<usize, DecodeError> {
        let mut value = 0_usize;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= usize::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(DecodeError::Damaged("a number"))
    }

    /// A number of things that follow, each at least a byte: never more than are left.
    fn count(&mut self) -> Result<usize, DecodeError> {
        let count = self.number()?;
        if count > self.bytes.len() - self.at.min(self.bytes.len()) {
            return Err(DecodeError::Damaged("a count"));
        }
        Ok(count)
    }

    fn bits(&mut self) -> Result<u16, DecodeError> {
        u16::try_from(self.number()?).map_err(|_| DecodeError::Damaged("a filter"))
    }

    fn text(&mut self) -> Result<String, DecodeError> {
        let length = self.count()?;
        String::from_utf8(self.take(length)?.to_vec()).map_err(|_| DecodeError::Damaged("a text"))
    }

    fn texts(&mut self) -> Result<Vec<String>, DecodeError> {
        let count = self.count()?;
        (0..count).map(|_| self.text()).collect()
    }

    fn choice<T: Copy>(&mut self, all: &[T]) -> Result<Option<T>, DecodeError> {
        match self.byte()? {
            NONE => Ok(None),
            n => all
                .get(usize::from(n))
                .copied()
                .map(Some)
                .ok_or(DecodeError::Damaged("a grade or urgency")),
        }
    }

    fn stem(&mut self, stem_count: usize) -> Result<u32, DecodeError> {
        let stem = self.number()?;
        if stem >= stem_count {
            return Err(DecodeError::Damaged("a stem number"));
        }
        Ok(stem as u32)
    }

    fn stems(&mut self, stem_count: usize) -> Result<Vec<u32>, DecodeError> {
        let count = self.count()?;
        (0..count).map(|_| self.stem(stem_count)).collect()
    }

    fn alternatives(&mut self, stem_count: usize) -> Result<Vec<Alternative>, DecodeError> {
        let count = self.count()?;
        (0..count)
            .map(|_| {
                Ok(Alternative {
                    stem: self.stem(stem_count)?,
                    quality: self.byte()?,
                })
            })
            .collect()
    }
}
