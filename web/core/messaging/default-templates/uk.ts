import type { LanguageCopy } from './build-default-template';

/**
 * Polite "Ви", as Ukrainian businesses write to customers. Numbers are put after a colon or in
 * brackets ("бали: 50") because the noun would otherwise have to agree with a number the template
 * does not know (бал / бали / балів).
 */
export const uk: LanguageCopy = {
  footer: 'Ви отримали цей лист, оскільки берете участь у програмі лояльності %shop_name%.',
  events: {
    points_credited: {
      subject: '%shop_name%: Вам нараховано бонусні бали',
      heading: 'Дякуємо за візит!',
      paragraphs: [
        'Вітаємо, %first_name%!',
        'Дякуємо, що завітали до %shop_name%. На Ваш рахунок нараховано бали: %points%.',
        'Ваш бонусний баланс: %balance%.',
      ],
      button: 'Переглянути бали',
      sms: '%shop_name%: нараховано балів: %points%. Ваш баланс: %balance%. %portal_url%',
    },
    balance_adjusted: {
      subject: '%shop_name%: Ваш бонусний баланс змінено',
      heading: 'Ваш бонусний баланс змінено',
      paragraphs: [
        'Вітаємо, %first_name%!',
        'Ваш бонусний баланс змінено на %points%.',
        'Причина: %description%',
        'Новий баланс: %balance%.',
      ],
      button: 'Переглянути бали',
      sms: '%shop_name%: Ваш баланс змінено на %points% (%description%). Новий баланс: %balance%.',
    },
    gift_card_issued: {
      subject: 'Ваша подарункова картка від %shop_name%',
      heading: 'Ваша подарункова картка',
      paragraphs: [
        'Вітаємо, %first_name%!',
        'Ви обміняли бали (%points%) на подарункову картку номіналом %gift_card_value%. Ось її код:',
      ],
      highlight: '%gift_card_code%',
      closing: [
        'Введіть код під час оформлення замовлення або подаруйте картку близькій людині. Залишок на бонусному рахунку: %balance%.',
      ],
      button: 'Перейти до кабінету',
      sms: '%shop_name%: Ваша подарункова картка номіналом %gift_card_value% готова. Код картки — в особистому кабінеті: %portal_url%',
    },
    reward_failed: {
      subject: 'Не вдалося створити подарункову картку — бали повернуто',
      heading: 'Ваші бали повернуто',
      paragraphs: [
        'Вітаємо, %first_name%!',
        'На жаль, під час створення подарункової картки номіналом %gift_card_value% сталася помилка. Ми повернули бали (%points%) на Ваш рахунок, тож Ви нічого не втратили. Ваш баланс: %balance%.',
        'Спробуйте ще раз трохи згодом. Якщо помилка повториться, зв’яжіться з нами.',
      ],
      button: 'Переглянути бали',
      sms: '%shop_name%: на жаль, не вдалося створити подарункову картку номіналом %gift_card_value%. Бали (%points%) повернуто на Ваш рахунок. Баланс: %balance%. Спробуйте пізніше.',
    },
    points_expiring: {
      subject: 'Ваші бали незабаром згорять',
      heading: 'Ваші бали незабаром згорять',
      paragraphs: [
        'Вітаємо, %first_name%!',
        'Термін дії частини Ваших балів у %shop_name% спливає %expiry_date%. Кількість балів, що згорять: %points%.',
        'Встигніть їх використати: запишіться на візит або обміняйте бали на подарункову картку.',
        'Ваш поточний баланс: %balance%.',
      ],
      button: 'Використати бали',
      sms: '%shop_name%: %expiry_date% згорить частина Ваших балів (%points%). Встигніть їх використати: %portal_url%',
    },
    welcome: {
      subject: 'Вітаємо в програмі лояльності %shop_name%!',
      heading: 'Вітаємо, %first_name%!',
      paragraphs: [
        'Дякуємо, що приєдналися до програми лояльності %shop_name%. За кожен візит Ви отримуватимете бали, які можна обміняти на подарункові картки.',
        'Ваш баланс: %balance%.',
      ],
      button: 'Переглянути бали',
      sms: 'Вітаємо в програмі лояльності %shop_name%, %first_name%! За кожен візит Ви отримуватимете бали. Баланс можна переглянути тут: %portal_url%',
    },
    birthday: {
      subject: 'З днем народження від %shop_name%!',
      heading: 'З днем народження, %first_name%!',
      paragraphs: [
        'Уся команда %shop_name% бажає вам чудового дня.',
        'Як учасник нашої програми лояльності ви маєте %balance% балів для наступного візиту.',
      ],
      button: 'Переглянути бали',
      sms: '%shop_name% вітає з днем народження, %first_name%! Ваш баланс: %balance% балів. %portal_url%',
    },
    anniversary: {
      subject: 'Рік лояльності в %shop_name%',
      heading: 'Дякуємо за ще один рік, %first_name%!',
      paragraphs: [
        'Минув ще один рік відтоді, як ви приєдналися до програми лояльності %shop_name%. Дякуємо, що ви з нами.',
        'Ваш баланс: %balance% балів.',
      ],
      button: 'Переглянути бали',
      sms: '%shop_name%: дякуємо за ще один рік у програмі лояльності, %first_name%! Баланс: %balance% балів.',
    },
    thank_you: {
      subject: 'Дякуємо за візит до %shop_name%',
      heading: 'Дякуємо за ваш візит, %first_name%!',
      paragraphs: [
        'Сподіваємося, вам сподобався візит до %shop_name%. Будемо раді бачити вас знову.',
        'Ваш баланс: %balance% балів.',
      ],
      button: 'Записатися знову',
      sms: 'Дякуємо за візит до %shop_name%, %first_name%! Будемо раді бачити вас знову.',
    },
    win_back: {
      subject: 'Ми сумуємо за вами в %shop_name%',
      heading: 'Ми сумуємо, %first_name%!',
      paragraphs: [
        'Минуло чимало часу від вашого останнього візиту до %shop_name%. Будемо раді вам знову.',
        'На вас чекають %balance% балів.',
      ],
      button: 'Записатися',
      sms: '%shop_name% сумує за вами, %first_name%! На вас чекають %balance% балів. %portal_url%',
    },
    nth_visit: {
      subject: 'Подяка за вашу лояльність від %shop_name%',
      heading: 'Дякуємо, що повертаєтеся, %first_name%!',
      paragraphs: [
        'Ви знову завітали до %shop_name%, і ми хочемо подякувати вам за лояльність.',
        'Ваш баланс: %balance% балів.',
      ],
      button: 'Переглянути бали',
      sms: '%shop_name%: дякуємо за вашу лояльність, %first_name%! Баланс: %balance% балів.',
    },
  },
};
