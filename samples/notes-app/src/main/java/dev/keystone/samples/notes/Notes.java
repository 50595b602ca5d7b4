package dev.keystone.samples.notes;

import dev.keystone.cache.CacheEvictions;
import dev.keystone.cache.Cached;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The notes' use cases, written the way docs/libraries.md tells another team to: state in a JTA
 * transaction, the event fired as a CDI event inside it (the outbox library writes its row in the
 * same transaction and publishes it after commit), reads through the cache, and an edit evicting
 * its cache entry after commit.
 */
@ApplicationScoped
public class Notes {

  /**
   * The cache's name: keys {@code keystone:v2:{note:<id>}}, settings {@code keystone.cache.note.*}.
   */
  static final String CACHE = "note";

  @PersistenceContext(unitName = "notes")
  EntityManager em;

  @Inject Event<NoteEvents> events;
  @Inject CacheEvictions evictions;

  /**
   * Writes a new note and announces {@link NoteCreated}.
   *
   * @throws InvalidNote if the text is blank or too long
   */
  @Transactional
  public NoteView create(String text) {
    var note = new Note(text);
    em.persist(note);
    em.flush(); // the id and the first version, for the event and the answer
    events.fire(note.created());
    return note.view();
  }

  /**
   * One note, cache-aside through Redis: a miss runs this method and stores its answer.
   *
   * @throws NoteNotFound if there is no such note (never cached)
   */
  @Cached(cache = CACHE)
  @Transactional(Transactional.TxType.SUPPORTS)
  public NoteView find(long id) {
    var note = em.find(Note.class, id);
    if (note == null) {
      throw new NoteNotFound(id);
    }
    return note.view();
  }

  /**
   * Replaces a note's text, announces {@link NoteEdited} with the new version and evicts the note's
   * cache entry once the transaction has committed. The row is locked first, so concurrent edits
   * queue instead of failing.
   *
   * @throws NoteNotFound if there is no such note
   * @throws InvalidNote if the text is blank or too long
   */
  @Transactional
  public NoteView edit(long id, String text) {
    var note = em.find(Note.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (note == null) {
      throw new NoteNotFound(id);
    }
    note.rewrite(text);
    em.flush(); // the new version, for the event and the answer
    events.fire(note.edited());
    evictions.evictAfterCommit(CACHE, id); // after commit; nothing if the edit rolls back
    return note.view();
  }
}
