<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../ui/main_window.py" line="116"/>
        <location filename="../../ui/screens/home.py" line="87"/>
        <source>Digital learning spot</source>
        <translation>デジタル学習所</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>A guide is coming</source>
        <translation>案内士が来ます</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>Please stay here. A digital guide will come to help you soon.</source>
        <translation>ここで少しお待ちください。デジタル案内士がすぐにお手伝いに来ます。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="189"/>
        <source>OK</source>
        <translation>わかりました</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="228"/>
        <source>Are you still there?</source>
        <translation>まだご利用中ですか?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="229"/>
        <source>If nobody touches the screen, it will go back to the start in {seconds} seconds.</source>
        <translation>画面に触れないと、{seconds}秒後に最初の画面に戻ります。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="232"/>
        <source>Continue</source>
        <translation>続ける</translation>
    </message>
    <message>
        <location filename="../../ui/screens/lessons.py" line="23"/>
        <source>Lessons</source>
        <translation>レッスン</translation>
    </message>
    <message>
        <location filename="../../ui/screens/lessons.py" line="30"/>
        <source>{count} steps</source>
        <translation>{count}ステップ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/lessons.py" line="32"/>
        <source>reached step {step}</source>
        <translation>{step}ステップまで見ました</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="91"/>
        <location filename="../../ui/screens/notices.py" line="28"/>
        <source>Notices</source>
        <translation>お知らせ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notices.py" line="41"/>
        <source>Until {date}</source>
        <translation>{date}まで</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notices.py" line="46"/>
        <source>There are no notices today.</source>
        <translation>今日のお知らせはありません。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="73"/>
        <source>This program is not available any more.</source>
        <translation>このプログラムは終了しました。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="80"/>
        <source>Who it is for</source>
        <translation>対象</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="81"/>
        <source>When</source>
        <translation>日程</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="82"/>
        <source>Where</source>
        <translation>場所</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="83"/>
        <source>How to apply</source>
        <translation>申し込み方法</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="84"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../ui/screens/program_detail.py" line="92"/>
        <source>Point your phone&apos;s camera here to take the details home.</source>
        <translation>スマホのカメラをここに向けると、詳しい内容を持ち帰れます。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="110"/>
        <location filename="../../ui/screens/program_detail.py" line="93"/>
        <source>Listen again</source>
        <translation>もう一度聞く</translation>
    </message>
    <message>
        <location filename="../../ui/screens/categories.py" line="22"/>
        <source>What would you like to learn?</source>
        <translation>何を学びますか?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/categories.py" line="30"/>
        <source>{count} lessons</source>
        <translation>レッスン{count}個</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="88"/>
        <source>Welcome! Touch what you would like to do.</source>
        <translation>ようこそ!したいことを押してください。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="89"/>
        <source>Learn digital skills</source>
        <translation>デジタルを学ぶ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="90"/>
        <location filename="../../ui/screens/programs.py" line="56"/>
        <source>City programs for you</source>
        <translation>ソウル市の支援</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="92"/>
        <location filename="../../ui/widgets/bottom_bar.py" line="45"/>
        <source>Call a guide</source>
        <translation>案内士を呼ぶ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="93"/>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="94"/>
        <source>Text size</source>
        <translation>文字の大きさ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="101"/>
        <source>Voice: on</source>
        <translation>音声: オン</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="101"/>
        <source>Voice: off</source>
        <translation>音声: オフ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="104"/>
        <source>Open: {hours}</source>
        <translation>開館: {hours}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/programs.py" line="39"/>
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="41"/>
        <source>Well done!</source>
        <translation>よくできました!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="43"/>
        <source>You finished “{title}”.</source>
        <translation>「{title}」を最後まで学びました。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="45"/>
        <source>Do it again</source>
        <translation>もう一度</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="46"/>
        <source>Choose another lesson</source>
        <translation>ほかのレッスンを選ぶ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/finish.py" line="59"/>
        <source>Try this next:</source>
        <translation>次はこれをやってみましょう:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="94"/>
        <source>This lesson is not available any more.</source>
        <translation>このレッスンは終了しました。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="103"/>
        <source>Step {current} of {total}</source>
        <translation>{total}ステップ中 {current}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="109"/>
        <source>Previous</source>
        <translation>前へ</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="112"/>
        <source>Finish</source>
        <translation>おわり</translation>
    </message>
    <message>
        <location filename="../../ui/screens/player.py" line="112"/>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/bottom_bar.py" line="43"/>
        <source>Home</source>
        <translation>ホーム</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/bottom_bar.py" line="44"/>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/bottom_bar.py" line="48"/>
        <source>Smaller text</source>
        <translation>文字を小さく</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/bottom_bar.py" line="50"/>
        <source>Bigger text</source>
        <translation>文字を大きく</translation>
    </message>
</context>
</TS>
