//! The one walk over a report's tree: every chapter, then its blocks, then its sections, in
//! reading order, each with its level (1 for a chapter, 2 for a section, ...) and its place
//! in the report ([`Path`]: `chapters[1].sections[0].blocks[2]`).
//!
//! Every check, computation and listing that goes through the chapters uses it ([`each`],
//! or [`walk`] for a visitor that prunes sections), and the sheet steps, which fill tables
//! in, use [`blocks_mut`]: so each table meets its own figures, in the same order everywhere.

use crate::location::Path;
use crate::model::{Block, Chapter, Report};

/// What the walk visits.
pub(crate) enum Item<'a> {
    /// A chapter (or section), before its blocks and sections.
    Chapter(&'a Chapter),
    /// A block of the chapter last visited.
    Block(&'a Block),
}

/// Visits a report's tree ([`walk`]).
pub(crate) trait Visitor<'a> {
    /// A chapter or a block, at `level`, at `path`.
    fn visit(&mut self, level: usize, item: Item<'a>, path: &Path);

    /// Called after the blocks of a chapter at `level`, before its sections: whether to visit
    /// them (always, unless the visitor says otherwise).
    fn sections(&mut self, _level: usize, _chapter: &'a Chapter, _path: &Path) -> bool {
        true
    }
}

/// Visits every chapter and block of `report` in reading order.
pub(crate) fn walk<'a>(report: &'a Report, visitor: &mut dyn Visitor<'a>) {
    fn chapter<'a>(c: &'a Chapter, level: usize, path: Path, v: &mut dyn Visitor<'a>) {
        v.visit(level, Item::Chapter(c), &path);
        for (i, block) in c.blocks.iter().enumerate() {
            v.visit(level, Item::Block(block), &path.index("blocks", i));
        }
        if !v.sections(level, c, &path) {
            return;
        }
        for (i, section) in c.sections.iter().enumerate() {
            chapter(section, level + 1, path.index("sections", i), v);
        }
    }
    for (i, c) in report.chapters.iter().enumerate() {
        chapter(c, 1, Path::default().index("chapters", i), visitor);
    }
}

/// [`walk`] with a function of each chapter and block, its level and its path.
pub(crate) fn each<'a>(report: &'a Report, f: &mut dyn FnMut(usize, Item<'a>, &Path)) {
    struct Each<'f, 'a>(&'f mut dyn FnMut(usize, Item<'a>, &Path));
    impl<'a> Visitor<'a> for Each<'_, 'a> {
        fn visit(&mut self, level: usize, item: Item<'a>, path: &Path) {
            (self.0)(level, item, path);
        }
    }
    walk(report, &mut Each(f));
}

/// Calls `visit` with every block of the report, in the order of [`walk`], and where it is:
/// the walk of the steps that change blocks (sheets filling tables in).
pub(crate) fn blocks_mut(report: &mut Report, visit: &mut dyn FnMut(&mut Block, Path)) {
    fn chapter(c: &mut Chapter, path: Path, visit: &mut dyn FnMut(&mut Block, Path)) {
        for (i, block) in c.blocks.iter_mut().enumerate() {
            visit(block, path.index("blocks", i));
        }
        for (i, section) in c.sections.iter_mut().enumerate() {
            chapter(section, path.index("sections", i), visit);
        }
    }
    for (i, c) in report.chapters.iter_mut().enumerate() {
        chapter(c, Path::default().index("chapters", i), visit);
    }
}
