package io.abmsequencer.starter.inbound;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Opens a mailbox's INBOX over IMAP, read-only (nothing is marked, moved or deleted: the mailbox
 * stays the people's), and lists what arrived after a UID.
 */
final class ImapMailboxes {

  /**
   * Finite socket timeouts: Jakarta Mail waits forever by default, and one hung server would stall
   * the poll of every mailbox after it.
   */
  private static Session session(Mailbox mailbox) {
    String p = "mail." + mailbox.protocol().scheme() + ".";
    Properties properties = new Properties();
    properties.put(p + "connectiontimeout", "10000");
    properties.put(p + "timeout", "30000");
    properties.put(p + "starttls.enable", "true");
    // Without it a TLS connection accepts a certificate made out to any host.
    properties.put(p + "ssl.checkserveridentity", "true");
    return Session.getInstance(properties);
  }

  /** @throws MessagingException when the server cannot be reached or refuses the login */
  OpenMailbox open(Mailbox mailbox) throws MessagingException {
    Store store = session(mailbox).getStore(mailbox.protocol().scheme());
    try {
      store.connect(mailbox.host(), mailbox.port(), mailbox.username(), mailbox.password());
      Folder folder = store.getFolder(Mailbox.FOLDER);
      folder.open(Folder.READ_ONLY);
      return new OpenMailbox(store, folder);
    } catch (MessagingException | RuntimeException e) {
      closeQuietly(store);
      throw e;
    }
  }

  private static void closeQuietly(Store store) {
    try {
      store.close();
    } catch (MessagingException e) {
      // Closing after a failure: the failure is what gets reported.
    }
  }

  /** A message known by its UID and Message-ID; its content is fetched only when {@link #load()} is called. */
  record Candidate(long uid, String messageId, Message message) {

    /** The whole message, copied out of the folder so it can be read after the connection closes. */
    Fetched load() throws MessagingException {
      Date received = message.getReceivedDate();
      return new Fetched(uid, new MimeMessage((MimeMessage) message), received == null ? null : received.toInstant());
    }
  }

  record Fetched(long uid, MimeMessage message, Instant receivedAt) {}

  static final class OpenMailbox implements AutoCloseable {
    private final Store store;
    private final Folder folder;
    private final UIDFolder uids;

    private OpenMailbox(Store store, Folder folder) {
      this.store = store;
      this.folder = folder;
      this.uids = (UIDFolder) folder;
    }

    long uidValidity() throws MessagingException {
      return uids.getUIDValidity();
    }

    /**
     * Messages with a UID above {@code lastUid}, in UID order. Only UIDs and Message-IDs are fetched
     * here, so a rescan skips what was handled before without downloading it again.
     */
    List<Candidate> after(long lastUid) throws MessagingException {
      Message[] messages = uids.getMessagesByUID(lastUid + 1, UIDFolder.LASTUID);
      FetchProfile profile = new FetchProfile();
      profile.add(UIDFolder.FetchProfileItem.UID);
      profile.add("Message-ID");
      folder.fetch(messages, profile);
      List<Candidate> candidates = new ArrayList<>();
      for (Message message : messages) {
        long uid = uids.getUID(message);
        // "n:*" always includes the newest message, even when its UID is below n (RFC 3501 §6.4.8).
        if (uid <= lastUid) continue;
        String[] ids = message.getHeader("Message-ID");
        candidates.add(new Candidate(uid, ids == null ? null : InboundMessage.firstMessageId(ids[0]), message));
      }
      candidates.sort(Comparator.comparingLong(Candidate::uid));
      return candidates;
    }

    @Override
    public void close() {
      try {
        if (folder.isOpen()) folder.close(false);
      } catch (MessagingException e) {
        // Nothing was changed in the folder: there is nothing to lose.
      }
      closeQuietly(store);
    }
  }
}
