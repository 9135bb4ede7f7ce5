//! Aligned text tables and ANSI colours.

use std::io::{self, Write};

/// Colours on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Style {
    pub(crate) color: bool,
}

impl Style {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }

    /// A section heading.
    pub(crate) fn heading(self, s: &str) -> String {
        self.wrap("1;36", s)
    }

    /// Column headers.
    pub(crate) fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }

    /// Something bad.
    pub(crate) fn red(self, s: &str) -> String {
        self.wrap("31", s)
    }

    /// Something worth a look.
    pub(crate) fn yellow(self, s: &str) -> String {
        self.wrap("33", s)
    }

    /// Something fine.
    pub(crate) fn green(self, s: &str) -> String {
        self.wrap("32", s)
    }

    /// Less important.
    pub(crate) fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
}

/// How a column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
}

/// A cell: its text, and an optional colour applied after alignment.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    text: String,
    paint: Option<fn(Style, &str) -> String>,
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { text, paint: None }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell {
            text: text.to_owned(),
            paint: None,
        }
    }
}

impl Cell {
    /// A coloured cell.
    pub(crate) fn painted(text: String, paint: fn(Style, &str) -> String) -> Cell {
        Cell {
            text,
            paint: Some(paint),
        }
    }
}

/// A table: headers and rows, aligned by character count.
#[derive(Debug)]
pub(crate) struct Table {
    headers: Vec<(&'static str, Align)>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table with these columns.
    pub(crate) fn new(headers: &[(&'static str, Align)]) -> Table {
        Table {
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are empty, extra cells ignored).
    pub(crate) fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// True without rows.
    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes the table, indented by two spaces.
    pub(crate) fn write(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        let mut widths: Vec<usize> = self
            .headers
            .iter()
            .map(|(h, _)| h.chars().count())
            .collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.text.chars().count());
            }
        }
        let pad = |text: &str, width: usize, align: Align| {
            let fill = " ".repeat(width.saturating_sub(text.chars().count()));
            match align {
                Align::Left => format!("{text}{fill}"),
                Align::Right => format!("{fill}{text}"),
            }
        };
        let last = self.headers.len().saturating_sub(1);
        let header: Vec<String> = self
            .headers
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, ((h, a), w))| {
                let cell = pad(h, *w, *a);
                if i == last {
                    cell.trim_end().to_owned()
                } else {
                    cell
                }
            })
            .collect();
        writeln!(out, "  {}", style.bold(&header.join("  ")))?;
        let empty = Cell::from("");
        for row in &self.rows {
            let mut line = String::new();
            for (i, ((_, align), width)) in self.headers.iter().zip(&widths).enumerate() {
                let cell = row.get(i).unwrap_or(&empty);
                let mut text = pad(&cell.text, *width, *align);
                if i == last {
                    text = text.trim_end().to_owned();
                }
                if let Some(paint) = cell.paint {
                    text = paint(style, &text);
                }
                if i > 0 {
                    line.push_str("  ");
                }
                line.push_str(&text);
            }
            writeln!(out, "  {}", line.trim_end())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn aligns_by_characters() {
        let mut t = Table::new(&[("A", Align::Left), ("Num", Align::Right)]);
        t.row(vec!["x → y".into(), "5".into()]);
        t.row(vec!["long".into(), "12345".into()]);
        let mut out = Vec::new();
        t.write(&mut out, Style { color: false }).unwrap();
        // Widths: column A = 5 characters ("x → y"), Num = 5 ("12345").
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  A        Num\n  x → y      5\n  long   12345\n"
        );
    }
}
