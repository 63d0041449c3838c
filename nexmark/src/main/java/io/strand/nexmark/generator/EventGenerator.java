package io.strand.nexmark.generator;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.Person;
import java.util.SplittableRandom;

/**
 * Nexmark's event generator, written from the published semantics of the standard generator (the
 * Apache Beam / nexmark suites): event {@code n} is a person, an auction or a bid by its place in
 * each run of 50 events (1 person, then 3 auctions, then 46 bids); ids follow from event numbers,
 * so the {@code k}-th person has id {@code 1000 + k} and the {@code k}-th auction id
 * {@code 1000 + k}; an auction's seller is one of the last 1000 persons (or up to 10 ahead), or,
 * 3 times in 4, the "hot" seller of the current block of 100 persons; a bid's auction is one of
 * the last 100 auctions (or up to 10 ahead), or, 1 time in 2, the hot auction of the current
 * block of 100 auctions; its bidder likewise (hot 3 times in 4); categories are 10 to 14; prices
 * are {@code round(10^(6u) * 100)} cents for uniform {@code u}; an auction expires between 1 ms
 * and twice the event time of 100 in-flight auctions (1666 events) after it opens.
 *
 * <p>Event {@code n} depends only on the seed and {@code n} (its own random stream), so events
 * can be made in any order and by several threads. Its time is
 * {@link GeneratorConfig#timeOf(long)}. Immutable and thread-safe.
 */
public final class EventGenerator {

  static final int PERSON_PROPORTION = 1;
  static final int AUCTION_PROPORTION = 3;
  static final int BID_PROPORTION = 46;
  static final int TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;

  static final long FIRST_PERSON_ID = 1000;
  static final long FIRST_AUCTION_ID = 1000;
  static final long FIRST_CATEGORY_ID = 10;
  static final int NUM_CATEGORIES = 5;

  private static final long NUM_ACTIVE_PEOPLE = 1000;
  private static final long NUM_IN_FLIGHT_AUCTIONS = 100;
  private static final long PERSON_ID_LEAD = 10;
  private static final long AUCTION_ID_LEAD = 10;
  private static final long HOT_AUCTION_BLOCK = 100;
  private static final long HOT_SELLER_BLOCK = 100;
  private static final long HOT_BIDDER_BLOCK = 100;
  private static final int HOT_AUCTION_RATIO = 2;
  private static final int HOT_SELLER_RATIO = 4;
  private static final int HOT_BIDDER_RATIO = 4;
  private static final int HOT_CHANNEL_RATIO = 2;
  private static final int CHANNELS = 10_000;

  private static final int PERSON_AVG_SIZE = 200;
  private static final int AUCTION_AVG_SIZE = 500;
  private static final int BID_AVG_SIZE = 100;

  private static final String[] US_STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
  private static final String[] US_CITIES = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend",
      "Redmond", "Seattle", "Kent", "Cheyenne"};
  private static final String[] FIRST_NAMES = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie",
      "Sarah", "Deiter", "Walter"};
  private static final String[] LAST_NAMES = {"Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith",
      "Jones", "Noris"};
  private static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};

  private final GeneratorConfig config;

  /**
   * A generator.
   *
   * @param config seed and times
   */
  public EventGenerator(GeneratorConfig config) {
    this.config = config;
  }

  /**
   * Event number {@code n}.
   *
   * @param n from 0
   * @return a person, an auction or a bid
   */
  public Event event(long n) {
    SplittableRandom random = new SplittableRandom(config.seed() ^ (n * 0x9E3779B97F4A7C15L));
    long time = config.timeOf(n);
    long offset = n % TOTAL_PROPORTION;
    if (offset < PERSON_PROPORTION) {
      return person(n, random, time);
    } else if (offset < PERSON_PROPORTION + AUCTION_PROPORTION) {
      return auction(n, random, time);
    }
    return bid(n, random, time);
  }

  /**
   * The latest time any of the first {@code events} events refers to (its own time or an
   * auction's expiry), an upper bound computed without making the events.
   *
   * @param events how many events
   * @return ms since the epoch
   */
  public long latestTime(long events) {
    return config.timeOf(events - 1) + 2 * auctionHorizonMs(events - 1) + 1;
  }

  /**
   * An upper bound of {@code expires - dateTime} over every auction of a generation.
   *
   * @param config the generation
   * @return ms
   */
  public static long maxAuctionDurationMs(GeneratorConfig config) {
    long eventsForAuctions = NUM_IN_FLIGHT_AUCTIONS * TOTAL_PROPORTION / AUCTION_PROPORTION;
    long horizonBound = eventsForAuctions * config.interEventDelayUs() / 1000 + 1;  // timeOf rounds down
    return 2 * horizonBound + 1;
  }

  private Person person(long n, SplittableRandom random, long time) {
    long id = lastBase0PersonId(n) + FIRST_PERSON_ID;
    String name = pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES);
    String email = letters(random, 7) + "@" + letters(random, 5) + ".com";
    String card = digits(random, 4) + " " + digits(random, 4) + " " + digits(random, 4) + " " + digits(random, 4);
    String city = pick(random, US_CITIES);
    String state = pick(random, US_STATES);
    int size = 8 + name.length() + 1 + email.length() + 1 + card.length() + 1 + city.length() + 1
        + state.length() + 1 + 8;
    return new Person(id, name, email, card, city, state, time, extra(random, size, PERSON_AVG_SIZE));
  }

  private Auction auction(long n, SplittableRandom random, long time) {
    long id = lastBase0AuctionId(n) + FIRST_AUCTION_ID;
    long seller = random.nextInt(HOT_SELLER_RATIO) > 0
        ? (lastBase0PersonId(n) / HOT_SELLER_BLOCK) * HOT_SELLER_BLOCK
        : nextBase0PersonId(n, random);
    seller += FIRST_PERSON_ID;
    long category = FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES);
    long initialBid = price(random);
    long reserve = initialBid + price(random);
    long expires = time + 1 + random.nextLong(Math.max(2 * auctionHorizonMs(n), 1));
    String itemName = letters(random, 20);
    String description = letters(random, 100);
    int size = 8 + itemName.length() + 1 + description.length() + 1 + 8 + 8 + 8 + 8 + 8 + 8;
    return new Auction(id, itemName, description, initialBid, reserve, time, expires, seller, category,
        extra(random, size, AUCTION_AVG_SIZE));
  }

  private Bid bid(long n, SplittableRandom random, long time) {
    long auction = random.nextInt(HOT_AUCTION_RATIO) > 0
        ? (lastBase0AuctionId(n) / HOT_AUCTION_BLOCK) * HOT_AUCTION_BLOCK
        : nextBase0AuctionId(n, random);
    auction += FIRST_AUCTION_ID;
    long bidder = random.nextInt(HOT_BIDDER_RATIO) > 0
        ? (lastBase0PersonId(n) / HOT_BIDDER_BLOCK) * HOT_BIDDER_BLOCK + 1
        : nextBase0PersonId(n, random);
    bidder += FIRST_PERSON_ID;
    long price = price(random);
    String channel;
    String url;
    if (random.nextInt(HOT_CHANNEL_RATIO) > 0) {
      int i = random.nextInt(HOT_CHANNELS.length);
      channel = HOT_CHANNELS[i];
      url = "https://www.nexmark.com/" + channel.toLowerCase() + "/item.htm?query=1&channel_id=" + i;
    } else {
      channel = "channel-" + random.nextInt(CHANNELS);
      url = "https://www.nexmark.com/" + letters(random, 5) + "/" + letters(random, 5) + "/item.htm?query=1";
    }
    int size = 8 + 8 + 8 + channel.length() + 1 + url.length() + 1 + 8;
    return new Bid(auction, bidder, price, channel, url, time, extra(random, size, BID_AVG_SIZE));
  }

  /** The base-0 id of the last person made at or before event n. */
  static long lastBase0PersonId(long n) {
    long epoch = n / TOTAL_PROPORTION;
    long offset = Math.min(n % TOTAL_PROPORTION, PERSON_PROPORTION - 1);
    return epoch * PERSON_PROPORTION + offset;
  }

  /** The base-0 id of the last auction made at or before event n (-1 before the first). */
  static long lastBase0AuctionId(long n) {
    long epoch = n / TOTAL_PROPORTION;
    long offset = n % TOTAL_PROPORTION;
    if (offset < PERSON_PROPORTION) {
      epoch--;
      offset = AUCTION_PROPORTION - 1;
    } else if (offset >= PERSON_PROPORTION + AUCTION_PROPORTION) {
      offset = AUCTION_PROPORTION - 1;
    } else {
      offset -= PERSON_PROPORTION;
    }
    return epoch * AUCTION_PROPORTION + offset;
  }

  /** One of the active persons, or up to PERSON_ID_LEAD ahead of the last. */
  private static long nextBase0PersonId(long n, SplittableRandom random) {
    long people = lastBase0PersonId(n) + 1;
    long active = Math.min(people, NUM_ACTIVE_PEOPLE);
    return people - active + random.nextLong(active + PERSON_ID_LEAD);
  }

  /** One of the in-flight auctions, or up to AUCTION_ID_LEAD ahead of the last. */
  private static long nextBase0AuctionId(long n, SplittableRandom random) {
    long max = Math.max(lastBase0AuctionId(n), 0);
    long min = Math.max(max - NUM_IN_FLIGHT_AUCTIONS, 0);
    return min + random.nextLong(max - min + 1 + AUCTION_ID_LEAD);
  }

  /** Event time spanned by the events that make NUM_IN_FLIGHT_AUCTIONS auctions, ms. */
  private long auctionHorizonMs(long n) {
    long eventsForAuctions = NUM_IN_FLIGHT_AUCTIONS * TOTAL_PROPORTION / AUCTION_PROPORTION;
    return config.timeOf(n + eventsForAuctions) - config.timeOf(n);
  }

  private static long price(SplittableRandom random) {
    return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
  }

  /** Padding so the event's estimated size averages desired (Nexmark's "extra"); none if already larger. */
  private static String extra(SplittableRandom random, int size, int desired) {
    if (size >= desired) {
      return "";
    }
    int average = desired - size;
    int delta = average / 5;
    int length = delta > 0 ? average - delta + random.nextInt(2 * delta + 1) : average;
    return letters(random, length);
  }

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String letters(SplittableRandom random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = (char) ('a' + random.nextInt(26));
    }
    return new String(chars);
  }

  private static String digits(SplittableRandom random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(chars);
  }
}
