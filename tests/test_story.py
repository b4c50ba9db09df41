"""Tests for newsidx.story: the timeline of an article, its copies and related coverage."""

from __future__ import annotations

from newsidx.models import RelatedArticle, StoredArticle
from newsidx.story import timeline


def stored(article_id: str, date: str | None) -> StoredArticle:
    return StoredArticle(id=article_id, headline=f"Story {article_id}", body="", date=date,
                         date_source=None, source=None, dateline=None, byline=None, group="g",
                         word_count=100)


def test_timeline_orders_by_date_with_gaps_and_undated_last():
    this = stored("this", "2008-09-08")
    copies = [stored("copy", "2008-09-08T18:00")]
    related = [RelatedArticle(stored("later", "2008-09-20"), 0.5),
               RelatedArticle(stored("undated-a", None), 0.2),
               RelatedArticle(stored("earlier", "2008-08-31T09:00"), 0.3),
               RelatedArticle(stored("undated-b", None), 0.4)]
    story = timeline(this, related, copies)
    assert [(e.article.id, e.kind, e.gap_days) for e in story] == [
        ("earlier", "related", None), ("this", "this", 8), ("copy", "copy", 0), ("later", "related", 12),
        ("undated-b", "related", None), ("undated-a", "related", None)]
    assert [e.score for e in story] == [0.3, None, None, 0.5, 0.4, 0.2]


def test_same_day_puts_the_article_shown_first_and_unreadable_dates_count_as_undated():
    this = stored("this", "2008-09-08")
    story = timeline(this, [RelatedArticle(stored("same", "2008-09-08"), 0.9),
                            RelatedArticle(stored("bad", "sometime"), 0.9)], [])
    assert [(e.article.id, e.gap_days) for e in story] == [("this", None), ("same", 0), ("bad", None)]


def test_timeline_of_an_undated_article_alone():
    story = timeline(stored("this", None), [], [])
    assert [(e.article.id, e.kind, e.gap_days) for e in story] == [("this", "this", None)]
