import type { LanguageCopy } from './build-default-template';

/**
 * "pkt" reads correctly after any number (punkt / punkty / punktów would not), and the copy avoids
 * second-person past tenses, which in Polish would have to guess the member's gender.
 */
export const pl: LanguageCopy = {
  footer: 'Otrzymujesz tę wiadomość, ponieważ należysz do programu lojalnościowego %shop_name%.',
  events: {
    points_credited: {
      subject: 'Nowe punkty na Twoim koncie w %shop_name%',
      heading: 'Dziękujemy za wizytę!',
      paragraphs: [
        'Cześć %first_name%!',
        'Dziękujemy za wizytę w %shop_name%. Na Twoje konto dodaliśmy %points% pkt. Twoje saldo wynosi teraz %balance% pkt.',
      ],
      button: 'Zobacz swoje punkty',
      sms: '%shop_name%: na Twoje konto dodaliśmy %points% pkt. Saldo: %balance% pkt. %portal_url%',
    },
    balance_adjusted: {
      subject: 'Zmiana salda punktów w %shop_name%',
      heading: 'Saldo Twoich punktów się zmieniło',
      paragraphs: [
        'Cześć %first_name%!',
        'Zmieniliśmy saldo Twoich punktów o %points% pkt.',
        'Powód: %description%',
        'Nowe saldo: %balance% pkt.',
      ],
      button: 'Zobacz swoje punkty',
      sms: '%shop_name%: saldo Twoich punktów zmieniło się o %points% pkt (%description%). Nowe saldo: %balance% pkt.',
    },
    gift_card_issued: {
      subject: 'Twoja karta podarunkowa od %shop_name%',
      heading: 'Oto Twoja karta podarunkowa',
      paragraphs: [
        'Cześć %first_name%!',
        'Twoje %points% pkt wymieniliśmy na kartę podarunkową o wartości %gift_card_value%. Oto jej kod:',
      ],
      highlight: '%gift_card_code%',
      closing: [
        'Wpisz kod przy składaniu zamówienia albo podaruj kartę komuś bliskiemu. Na Twoim koncie zostało %balance% pkt.',
      ],
      button: 'Przejdź do konta',
      sms: '%shop_name%: Twoja karta podarunkowa o wartości %gift_card_value% jest gotowa. Kod znajdziesz na swoim koncie: %portal_url%',
    },
    reward_failed: {
      subject: 'Nie udało się utworzyć karty podarunkowej – punkty wróciły na Twoje konto',
      heading: 'Punkty wróciły na Twoje konto',
      paragraphs: [
        'Cześć %first_name%!',
        'Przepraszamy, podczas tworzenia karty podarunkowej o wartości %gift_card_value% wystąpił błąd. Zwróciliśmy %points% pkt na Twoje konto, więc nic nie tracisz. Twoje saldo: %balance% pkt.',
        'Spróbuj ponownie za jakiś czas. Jeśli problem się powtórzy, skontaktuj się z nami.',
      ],
      button: 'Zobacz swoje punkty',
      sms: '%shop_name%: przepraszamy, nie udało się utworzyć karty podarunkowej o wartości %gift_card_value%. Zwróciliśmy %points% pkt na Twoje konto (saldo: %balance% pkt). Spróbuj ponownie później.',
    },
    points_expiring: {
      subject: 'Twoje punkty wkrótce wygasną',
      heading: 'Twoje punkty wkrótce wygasną',
      paragraphs: [
        'Cześć %first_name%!',
        'Część Twoich punktów w %shop_name% (%points% pkt) wygaśnie %expiry_date%. Umów się na wizytę lub wymień je na kartę podarunkową, zanim przepadną.',
        'Aktualne saldo: %balance% pkt.',
      ],
      button: 'Wykorzystaj punkty',
      sms: '%shop_name%: część Twoich punktów (%points% pkt) wygaśnie %expiry_date%. Wykorzystaj je na czas: %portal_url%',
    },
    welcome: {
      subject: 'Witamy w programie lojalnościowym %shop_name%!',
      heading: 'Witaj, %first_name%!',
      paragraphs: [
        'Dziękujemy za dołączenie do programu lojalnościowego %shop_name%. Za każdą wizytę otrzymasz punkty, które możesz wymienić na karty podarunkowe.',
        'Twoje saldo: %balance% pkt.',
      ],
      button: 'Zobacz swoje punkty',
      sms: 'Witamy w programie lojalnościowym %shop_name%, %first_name%! Za każdą wizytę otrzymasz punkty. Sprawdź saldo: %portal_url%',
    },
    birthday: {
      subject: 'Wszystkiego najlepszego od %shop_name%!',
      heading: 'Wszystkiego najlepszego, %first_name%!',
      paragraphs: [
        'Cały zespół %shop_name% życzy Ci wspaniałego dnia.',
        'Jako uczestnik naszego programu lojalnościowego masz %balance% pkt do wykorzystania przy następnej wizycie.',
      ],
      button: 'Zobacz swoje punkty',
      sms: '%shop_name% życzy wszystkiego najlepszego, %first_name%! Twoje saldo: %balance% pkt. %portal_url%',
    },
    anniversary: {
      subject: 'Rok lojalności w %shop_name%',
      heading: 'Dziękujemy za kolejny rok, %first_name%!',
      paragraphs: [
        'Minął kolejny rok, odkąd dołączyłeś do programu lojalnościowego %shop_name%. Dziękujemy, że jesteś z nami.',
        'Twoje saldo: %balance% pkt.',
      ],
      button: 'Zobacz swoje punkty',
      sms: '%shop_name%: dziękujemy za kolejny rok w programie lojalnościowym, %first_name%! Saldo: %balance% pkt.',
    },
    thank_you: {
      subject: 'Dziękujemy za wizytę w %shop_name%',
      heading: 'Dziękujemy za wizytę, %first_name%!',
      paragraphs: [
        'Mamy nadzieję, że wizyta w %shop_name% była udana. Do zobaczenia wkrótce.',
        'Twoje saldo: %balance% pkt.',
      ],
      button: 'Umów kolejną wizytę',
      sms: 'Dziękujemy za wizytę w %shop_name%, %first_name%! Do zobaczenia wkrótce.',
    },
    win_back: {
      subject: 'Tęsknimy za Tobą w %shop_name%',
      heading: 'Tęsknimy, %first_name%!',
      paragraphs: [
        'Minęło sporo czasu od Twojej ostatniej wizyty w %shop_name%. Chętnie znów Cię powitamy.',
        'Czeka na Ciebie %balance% pkt.',
      ],
      button: 'Umów wizytę',
      sms: '%shop_name% tęskni za Tobą, %first_name%! Czeka na Ciebie %balance% pkt. %portal_url%',
    },
    nth_visit: {
      subject: 'Podziękowanie za lojalność od %shop_name%',
      heading: 'Dziękujemy, że wracasz, %first_name%!',
      paragraphs: [
        'Znów odwiedziłeś %shop_name% i chcemy podziękować Ci za lojalność.',
        'Twoje saldo: %balance% pkt.',
      ],
      button: 'Zobacz swoje punkty',
      sms: '%shop_name%: dziękujemy za lojalność, %first_name%! Saldo: %balance% pkt.',
    },
  },
};
